package io.telltale.capture.decode.header;

import java.lang.foreign.MemorySegment;

/**
 * View over a UDP header (RFC 768).
 *
 * <pre>
 * +--------+--------+--------+--------+
 * |  Source Port    |   Dest Port     |
 * |    Length       |    Checksum     |
 * +--------+--------+--------+--------+
 * </pre>
 */
public final class UdpHeader {

    public static final int LENGTH = 8;
    static final int DST_PORT_OFFSET = 2;
    static final int LENGTH_OFFSET = 4;

    private MemorySegment segment;
    private long offset;

    /** Binds the view; the caller has checked that {@link #LENGTH} bytes are captured. */
    public UdpHeader wrap(MemorySegment segment, long offset) {
        this.segment = segment;
        this.offset = offset;
        return this;
    }

    public int sourcePort() {
        return Bytes.u16(segment, offset);
    }

    public int destinationPort() {
        return Bytes.u16(segment, offset + DST_PORT_OFFSET);
    }

    /** The length field: header plus payload. */
    public int length() {
        return Bytes.u16(segment, offset + LENGTH_OFFSET);
    }
}
