package io.telltale.capture.decode.header;

import java.lang.foreign.MemorySegment;

/**
 * View over a TCP header (RFC 9293 §3.1).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * |                        Sequence Number                        |
 * |                    Acknowledgment Number                      |
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * |           Checksum            |         Urgent Pointer        |
 * |                    Options                    |    Padding    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class TcpHeader {

    public static final int MIN_LENGTH = 20;
    static final int DST_PORT_OFFSET = 2;
    static final int SEQUENCE_OFFSET = 4;
    static final int ACKNOWLEDGMENT_OFFSET = 8;
    static final int DATA_OFFSET_OFFSET = 12;
    static final int FLAGS_OFFSET = 13;
    static final int WINDOW_OFFSET = 14;
    public static final int OPTIONS_OFFSET = MIN_LENGTH;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;

    private MemorySegment segment;
    private long offset;

    /** Binds the view; the caller has checked that {@link #MIN_LENGTH} bytes are captured. */
    public TcpHeader wrap(MemorySegment segment, long offset) {
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

    public int sequence() {
        return Bytes.i32(segment, offset + SEQUENCE_OFFSET);
    }

    public int acknowledgment() {
        return Bytes.i32(segment, offset + ACKNOWLEDGMENT_OFFSET);
    }

    /** Header length in bytes, from the data offset field. */
    public int headerLength() {
        return (Bytes.u8(segment, offset + DATA_OFFSET_OFFSET) >>> 4) * 4;
    }

    public int flags() {
        return Bytes.u8(segment, offset + FLAGS_OFFSET);
    }

    public int window() {
        return Bytes.u16(segment, offset + WINDOW_OFFSET);
    }
}
