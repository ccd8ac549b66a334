package io.telltale.capture.source.file;

import io.telltale.capture.source.PacketHandler;
import io.telltale.capture.source.PacketSource;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reads classic libpcap files: both byte orders, micro- and nanosecond timestamps.
 *
 * <pre>
 * global header (24 bytes)                 record header (16 bytes) + captured bytes
 * +--------+-----+-----+------+------+-----+-------+   +-------+--------+--------+--------+----------
 * | magic  | maj | min | zone | sigf | snap| link  |   | ts s  | ts frac| incl   | orig   | data ...
 * +--------+-----+-----+------+------+-----+-------+   +-------+--------+--------+--------+----------
 * </pre>
 */
final class PcapFileSource extends CaptureFileSource {

    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int GLOBAL_HEADER_LENGTH = 24;
    static final int SNAPLEN_OFFSET = 16;
    static final int LINKTYPE_OFFSET = 20;
    static final int RECORD_HEADER_LENGTH = 16;
    /** libpcap refuses records larger than this when the snaplen is smaller (pcap-common.h). */
    static final int MAX_RECORD_LENGTH = 262_144;
    private static final int LINKTYPE_MASK = 0x03ff_ffff;

    private final ValueLayout.OfInt u32;
    private final long fractionToNanos;
    private final int linkType;
    private final int maxRecordLength;
    private long position;

    static boolean recognises(int bigEndianMagic) {
        return bigEndianMagic == MAGIC_MICROS || bigEndianMagic == MAGIC_NANOS
                || bigEndianMagic == Integer.reverseBytes(MAGIC_MICROS) || bigEndianMagic == Integer.reverseBytes(MAGIC_NANOS);
    }

    PcapFileSource(String name, MemorySegment data, AutoCloseable owner) {
        super(name, data, owner);
        int magic = data.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 0);
        boolean bigEndian = magic == MAGIC_MICROS || magic == MAGIC_NANOS;
        int nativeMagic = bigEndian ? magic : Integer.reverseBytes(magic);
        this.u32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        this.fractionToNanos = nativeMagic == MAGIC_NANOS ? 1 : 1000;
        if (data.byteSize() < GLOBAL_HEADER_LENGTH) {
            this.linkType = -1;
            this.maxRecordLength = 0;
            fail(0, "truncated pcap global header (" + data.byteSize() + " of 24 bytes)");
        } else {
            this.linkType = data.get(u32, LINKTYPE_OFFSET) & LINKTYPE_MASK;
            int snaplen = data.get(u32, SNAPLEN_OFFSET);
            this.maxRecordLength = snaplen > 0 && snaplen > MAX_RECORD_LENGTH ? snaplen : MAX_RECORD_LENGTH;
            this.position = GLOBAL_HEADER_LENGTH;
        }
    }

    @Override
    public int poll(PacketHandler handler, int limit) {
        if (ended) {
            return END_OF_INPUT;
        }
        long size = data.byteSize();
        int delivered = 0;
        while (delivered < limit) {
            long recordStart = position;
            if (recordStart == size) {
                ended = true;
                break;
            }
            if (size - recordStart < RECORD_HEADER_LENGTH) {
                fail(recordStart, "truncated record header (" + (size - recordStart) + " of 16 bytes)");
                break;
            }
            long seconds = Integer.toUnsignedLong(data.get(u32, recordStart));
            long fraction = Integer.toUnsignedLong(data.get(u32, recordStart + 4));
            int capturedLength = data.get(u32, recordStart + 8);
            int wireLength = data.get(u32, recordStart + 12);
            if (capturedLength < 0 || capturedLength > maxRecordLength) {
                fail(recordStart, "implausible captured length " + Integer.toUnsignedString(capturedLength));
                break;
            }
            long frameStart = recordStart + RECORD_HEADER_LENGTH;
            if (size - frameStart < capturedLength) {
                fail(recordStart, "truncated packet data (" + (size - frameStart) + " of " + capturedLength + " bytes)");
                break;
            }
            position = frameStart + capturedLength;
            packetNumber++;
            long timestampNanos = seconds * 1_000_000_000L + fraction * fractionToNanos;
            int wire = wireLength < capturedLength ? capturedLength : wireLength;
            handler.onPacket(timestampNanos, wire, data, frameStart, capturedLength, linkType);
            delivered++;
        }
        return delivered == 0 && ended ? END_OF_INPUT : delivered;
    }
}
