package io.telltale.capture.decode;

import io.telltale.capture.decode.header.Bytes;
import java.lang.foreign.MemorySegment;

/**
 * Internet checksums (RFC 1071) of IPv4 headers and of TCP, UDP, ICMP and ICMPv6 segments with their
 * pseudo-headers, as Zeek checks them when it is not told to ignore checksums. Only called when a
 * whole segment was captured; packets whose checksums were left to the NIC (offload on the capturing
 * host) fail, which is why checking is a setting.
 */
public final class Checksums {

    private Checksums() {
    }

    /** True when the IPv4 header at {@code offset} sums to 0xffff. */
    public static boolean ipv4HeaderValid(MemorySegment data, long offset, int headerLength) {
        return fold(sum(data, offset, headerLength, 0)) == 0xffff;
    }

    /**
     * True when the transport segment of {@code p} (header and payload, as captured) sums to 0xffff
     * with its pseudo-header. ICMP over IPv4 has no pseudo-header.
     */
    public static boolean transportValid(DecodedPacket p) {
        long start = p.transportOffset;
        int length = (int) (p.payloadOffset + p.payloadLength - start);
        long sum = sum(p.data, start, length, 0);
        if (!(p.ipVersion == 4 && p.protocol == 1)) {
            sum += addressSum(p.srcHigh, p.srcLow, p.ipVersion) + addressSum(p.dstHigh, p.dstLow, p.ipVersion);
            sum += p.protocol + length;
        }
        return fold(sum) == 0xffff;
    }

    private static long addressSum(long high, long low, int version) {
        long sum = (low & 0xffff) + ((low >>> 16) & 0xffff);
        if (version == 6) {
            sum += ((low >>> 32) & 0xffff) + (low >>> 48) + (high & 0xffff) + ((high >>> 16) & 0xffff)
                    + ((high >>> 32) & 0xffff) + (high >>> 48);
        }
        return sum;
    }

    private static long sum(MemorySegment data, long offset, int length, long initial) {
        long sum = initial;
        long end = offset + length;
        long at = offset;
        for (; at + 1 < end; at += 2) {
            sum += Bytes.u16(data, at);
        }
        if (at < end) {
            sum += Bytes.u8(data, at) << 8;
        }
        return sum;
    }

    private static int fold(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
