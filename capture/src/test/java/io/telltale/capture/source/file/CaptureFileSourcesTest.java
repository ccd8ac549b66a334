package io.telltale.capture.source.file;

import static io.telltale.capture.Frames.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.capture.source.PacketSource;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pcap and pcapng readers on files built here, byte for byte, in both byte orders. */
class CaptureFileSourcesTest {

    record Frame(long timestampNanos, int wireLength, int capturedLength, int linkType, byte firstByte) {
    }

    static List<Frame> readAll(PacketSource source) {
        List<Frame> frames = new ArrayList<>();
        while (source.poll((ts, wire, data, offset, length, link) -> frames.add(new Frame(ts, wire, length, link,
                length > 0 ? data.get(java.lang.foreign.ValueLayout.JAVA_BYTE, offset) : 0)), 3) != PacketSource.END_OF_INPUT) {
            // keep polling
        }
        return frames;
    }

    static byte[] pcap(ByteOrder order, boolean nanos, int linkType, long[][] records) {
        ByteBuffer b = ByteBuffer.allocate(24 + records.length * (16 + 64)).order(order);
        b.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65535).putInt(linkType);
        for (long[] r : records) {
            b.putInt((int) r[0]).putInt((int) r[1]).putInt((int) r[2]).putInt((int) r[3]);
            for (int i = 0; i < r[2]; i++) {
                b.put((byte) (i == 0 ? r[4] : i));
            }
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    @Test
    void pcapInBothByteOrdersAndResolutions() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            byte[] micros = pcap(order, false, 1, new long[][] {{1_300_000_000L, 123_456, 10, 60, 7}, {1_300_000_001L, 0, 4, 4, 9}});
            List<Frame> frames = readAll(CaptureFiles.open("micros", MemorySegment.ofArray(micros), () -> { }));
            assertThat(frames).containsExactly(new Frame(1_300_000_000_123_456_000L, 60, 10, 1, (byte) 7),
                    new Frame(1_300_000_001_000_000_000L, 4, 4, 1, (byte) 9));
            byte[] nanos = pcap(order, true, 113, new long[][] {{1_300_000_000L, 123_456_789, 8, 8, 5}});
            assertThat(readAll(CaptureFiles.open("nanos", MemorySegment.ofArray(nanos), () -> { })))
                    .containsExactly(new Frame(1_300_000_000_123_456_789L, 8, 8, 113, (byte) 5));
        }
    }

    /** A pcapng block: type, total length, body padded to 32 bits, total length again. */
    static byte[] block(ByteOrder order, int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(12 + padded).order(order);
        b.putInt(type).putInt(12 + padded).put(body);
        b.position(8 + padded);
        b.putInt(12 + padded);
        return b.array();
    }

    static byte[] body(ByteOrder order, int capacity, java.util.function.Consumer<ByteBuffer> writer) {
        ByteBuffer b = ByteBuffer.allocate(capacity).order(order);
        writer.accept(b);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    static byte[] pcapng(ByteOrder order) {
        byte[] shb = block(order, 0x0A0D0D0A, body(order, 16, b -> b.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1)));
        // Interface 0: Ethernet, default microseconds. Interface 1: raw IP, if_tsresol = 9 (ns), if_tsoffset = 10 s.
        byte[] idb0 = block(order, 1, body(order, 8, b -> b.putShort((short) 1).putShort((short) 0).putInt(0)));
        byte[] idb1 = block(order, 1, body(order, 40, b -> b.putShort((short) 101).putShort((short) 0).putInt(0)
                .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3])
                .putShort((short) 14).putShort((short) 8).putLong(10)
                .putShort((short) 0).putShort((short) 0)));
        // Interface 2: binary resolution 2^-10 of a second.
        byte[] idb2 = block(order, 1, body(order, 16, b -> b.putShort((short) 228).putShort((short) 0).putInt(0)
                .putShort((short) 9).putShort((short) 1).put((byte) 0x8a).put(new byte[3])));
        long micros = 1_300_000_000_000_001L;
        byte[] epb0 = block(order, 6, body(order, 40, b -> b.putInt(0).putInt((int) (micros >>> 32)).putInt((int) micros)
                .putInt(5).putInt(70).put(new byte[] {1, 2, 3, 4, 5})));
        long nanos = 1_300_000_000_000_000_002L;
        byte[] epb1 = block(order, 6, body(order, 40, b -> b.putInt(1).putInt((int) (nanos >>> 32)).putInt((int) nanos)
                .putInt(3).putInt(3).put(new byte[] {6, 7, 8})));
        long binary = (1_300_000_000L << 10) | 512; // half a second
        byte[] epb2 = block(order, 6, body(order, 40, b -> b.putInt(2).putInt((int) (binary >>> 32)).putInt((int) binary)
                .putInt(2).putInt(2).put(new byte[] {9, 9})));
        byte[] spb = block(order, 3, body(order, 16, b -> b.putInt(4).put(new byte[] {10, 11, 12, 13})));
        byte[] opb = block(order, 2, body(order, 40, b -> b.putShort((short) 0).putShort((short) 0)
                .putInt((int) (micros >>> 32)).putInt((int) micros).putInt(2).putInt(2).put(new byte[] {14, 15})));
        byte[] unknown = block(order, 0x0BAD, new byte[] {1, 2, 3, 4, 5, 6});
        byte[] nameResolution = block(order, 4, new byte[] {0, 0, 0, 0});
        return concat(shb, idb0, idb1, idb2, unknown, epb0, nameResolution, epb1, epb2, spb, opb);
    }

    @Test
    void pcapngInterfacesResolutionsAndBlockKinds() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            List<Frame> frames = readAll(CaptureFiles.open("ng", MemorySegment.ofArray(pcapng(order)), () -> { }));
            assertThat(frames).as(order.toString()).containsExactly(
                    new Frame(1_300_000_000_000_001_000L, 70, 5, 1, (byte) 1),
                    new Frame(1_300_000_010_000_000_002L, 3, 3, 101, (byte) 6),
                    new Frame(1_300_000_000_500_000_000L, 2, 2, 228, (byte) 9),
                    new Frame(0, 4, 4, 1, (byte) 10),
                    new Frame(1_300_000_000_000_001_000L, 2, 2, 1, (byte) 14));
        }
    }

    @Test
    void secondSectionMayChangeByteOrder() {
        byte[] both = concat(pcapng(ByteOrder.BIG_ENDIAN), pcapng(ByteOrder.LITTLE_ENDIAN));
        PacketSource source = CaptureFiles.open("two sections", MemorySegment.ofArray(both), () -> { });
        assertThat(readAll(source)).hasSize(10);
        assertThat(source.damage()).isEmpty();
    }

    @Test
    void corruptBlockIsReportedWithItsOffset() {
        byte[] good = pcapng(ByteOrder.LITTLE_ENDIAN);
        byte[] bad = concat(good, new byte[] {6, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0});
        PacketSource source = CaptureFiles.open("bad", MemorySegment.ofArray(bad), () -> { });
        assertThat(readAll(source)).hasSize(5);
        assertThat(source.damage()).hasValueSatisfying(d -> {
            assertThat(d.byteOffset()).isEqualTo(good.length);
            assertThat(d.reason()).contains("invalid block length 7");
            assertThat(d.describe()).startsWith("bad: byte " + good.length + " (packet 6)");
        });
    }

    @Test
    void filesThatAreNotCapturesAreReportedNotThrown(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a pcap");
        try (PacketSource source = CaptureFiles.open(text)) {
            assertThat(source.poll((a, b, c, d, e, f) -> { }, 10)).isEqualTo(PacketSource.END_OF_INPUT);
            assertThat(source.damage()).hasValueSatisfying(d -> assertThat(d.reason()).contains("not a pcap or pcapng file"));
        }
        try (PacketSource missing = CaptureFiles.open(dir.resolve("missing.pcap"))) {
            assertThat(missing.damage()).hasValueSatisfying(d -> assertThat(d.reason()).startsWith("cannot read file"));
        }
        Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
        try (PacketSource source = CaptureFiles.open(empty)) {
            assertThat(source.damage()).hasValueSatisfying(d -> assertThat(d.reason()).contains("too short"));
        }
    }

    @Test
    void mappedFileIsReadLikeMemory(@TempDir Path dir) throws IOException {
        byte[] bytes = pcap(ByteOrder.LITTLE_ENDIAN, false, 1, new long[][] {{1, 2, 6, 6, 3}});
        Path file = Files.write(dir.resolve("one.pcap"), bytes);
        try (PacketSource source = CaptureFiles.open(file)) {
            assertThat(readAll(source)).containsExactly(new Frame(1_000_002_000L, 6, 6, 1, (byte) 3));
        }
    }
}
