package io.telltale.capture.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The symmetric host-pair hash that spreads frames over workers (DESIGN §2): the same for A→B and
 * B→A, and on the outermost IP addresses only, so both directions of a flow, every fragment of a
 * datagram and everything inside one tunnel reach the same worker. Frames without an IP header the
 * hash can find (ARP, MPLS, odd link types) hash to 0 and go to the first worker, which is still
 * correct, only less spread.
 */
public final class HostPairHash {

    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LINUX_SLL = 113;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;

    private HostPairHash() {
    }

    public static int of(MemorySegment data, long offset, int length, int linkType) {
        long end = offset + length;
        long ip;
        int etherType;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                long at = offset + 12;
                if (at + 2 > end) {
                    return 0;
                }
                etherType = data.get(U16, at) & 0xffff;
                for (int tags = 0; (etherType == 0x8100 || etherType == 0x88a8 || etherType == 0x9100) && tags < 4; tags++) {
                    at += 4;
                    if (at + 2 > end) {
                        return 0;
                    }
                    etherType = data.get(U16, at) & 0xffff;
                }
                ip = at + 2;
            }
            case LINKTYPE_LINUX_SLL -> {
                if (offset + 16 > end) {
                    return 0;
                }
                etherType = data.get(U16, offset + 14) & 0xffff;
                ip = offset + 16;
            }
            case LINKTYPE_RAW -> {
                if (offset + 1 > end) {
                    return 0;
                }
                etherType = (data.get(ValueLayout.JAVA_BYTE, offset) & 0xf0) == 0x60 ? 0x86dd : 0x0800;
                ip = offset;
            }
            default -> {
                return 0;
            }
        }
        if (etherType == 0x0800 && ip + 20 <= end) {
            return mix(data.get(U32, ip + 12)) + mix(data.get(U32, ip + 16));
        }
        if (etherType == 0x86dd && ip + 40 <= end) {
            return mix(data.get(U64, ip + 8) ^ data.get(U64, ip + 16)) + mix(data.get(U64, ip + 24) ^ data.get(U64, ip + 32));
        }
        return 0;
    }

    /** A 64-bit finaliser (splitmix64's), folded to 32 bits; summing two keeps the pair symmetric. */
    static int mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        x ^= x >>> 31;
        return (int) (x ^ (x >>> 32));
    }
}
