package io.telltale.capture.decode.header;

import java.lang.foreign.MemorySegment;

/**
 * View over an IPv4 header (RFC 791 §3.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * |         Identification        |Flags|      Fragment Offset    |
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * |                       Source Address                          |
 * |                    Destination Address                        |
 * |                    Options                    |    Padding    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Ipv4Header {

    public static final int MIN_LENGTH = 20;
    static final int TOTAL_LENGTH_OFFSET = 2;
    static final int IDENTIFICATION_OFFSET = 4;
    static final int FLAGS_FRAGMENT_OFFSET = 6;
    static final int TTL_OFFSET = 8;
    static final int PROTOCOL_OFFSET = 9;
    public static final int SRC_ADDRESS_OFFSET = 12;
    public static final int DST_ADDRESS_OFFSET = SRC_ADDRESS_OFFSET + 4;
    private static final int MORE_FRAGMENTS = 0x2000;
    private static final int FRAGMENT_OFFSET_MASK = 0x1fff;

    private MemorySegment segment;
    private long offset;

    /** Binds the view; the caller has checked that {@link #MIN_LENGTH} bytes are captured. */
    public Ipv4Header wrap(MemorySegment segment, long offset) {
        this.segment = segment;
        this.offset = offset;
        return this;
    }

    public int version() {
        return Bytes.u8(segment, offset) >>> 4;
    }

    public int headerLength() {
        return (Bytes.u8(segment, offset) & 0x0f) * 4;
    }

    public int totalLength() {
        return Bytes.u16(segment, offset + TOTAL_LENGTH_OFFSET);
    }

    public int identification() {
        return Bytes.u16(segment, offset + IDENTIFICATION_OFFSET);
    }

    public boolean moreFragments() {
        return (Bytes.u16(segment, offset + FLAGS_FRAGMENT_OFFSET) & MORE_FRAGMENTS) != 0;
    }

    /** Fragment offset in bytes. */
    public int fragmentOffset() {
        return (Bytes.u16(segment, offset + FLAGS_FRAGMENT_OFFSET) & FRAGMENT_OFFSET_MASK) * 8;
    }

    public int ttl() {
        return Bytes.u8(segment, offset + TTL_OFFSET);
    }

    public int protocol() {
        return Bytes.u8(segment, offset + PROTOCOL_OFFSET);
    }

    public int sourceAddress() {
        return Bytes.i32(segment, offset + SRC_ADDRESS_OFFSET);
    }

    public int destinationAddress() {
        return Bytes.i32(segment, offset + DST_ADDRESS_OFFSET);
    }
}
