package io.telltale.capture.decode.header;

import java.lang.foreign.MemorySegment;

/**
 * View over the fixed IPv6 header (RFC 8200 §3).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * |                  Source Address (128 bits)                    |
 * |               Destination Address (128 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Ipv6Header {

    public static final int LENGTH = 40;
    static final int PAYLOAD_LENGTH_OFFSET = 4;
    static final int NEXT_HEADER_OFFSET = 6;
    static final int HOP_LIMIT_OFFSET = 7;
    public static final int SRC_ADDRESS_OFFSET = 8;
    public static final int DST_ADDRESS_OFFSET = SRC_ADDRESS_OFFSET + 16;

    private MemorySegment segment;
    private long offset;

    /** Binds the view; the caller has checked that {@link #LENGTH} bytes are captured. */
    public Ipv6Header wrap(MemorySegment segment, long offset) {
        this.segment = segment;
        this.offset = offset;
        return this;
    }

    public int version() {
        return Bytes.u8(segment, offset) >>> 4;
    }

    public int payloadLength() {
        return Bytes.u16(segment, offset + PAYLOAD_LENGTH_OFFSET);
    }

    /** The hop limit, IPv6's TTL. */
    public int hopLimit() {
        return Bytes.u8(segment, offset + HOP_LIMIT_OFFSET);
    }

    public int nextHeader() {
        return Bytes.u8(segment, offset + NEXT_HEADER_OFFSET);
    }

    public long sourceHigh() {
        return Bytes.i64(segment, offset + SRC_ADDRESS_OFFSET);
    }

    public long sourceLow() {
        return Bytes.i64(segment, offset + SRC_ADDRESS_OFFSET + 8);
    }

    public long destinationHigh() {
        return Bytes.i64(segment, offset + DST_ADDRESS_OFFSET);
    }

    public long destinationLow() {
        return Bytes.i64(segment, offset + DST_ADDRESS_OFFSET + 8);
    }
}
