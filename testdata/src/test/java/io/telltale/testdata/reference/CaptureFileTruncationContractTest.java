package io.telltale.testdata.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.SourceDamage;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract of every file source: fed a reference capture cut at every byte offset, it throws nothing,
 * delivers exactly the packets whose records (pcap) or blocks (pcapng) are complete before the cut,
 * and reports the damage at the byte offset where the first incomplete record or block starts.
 * Record boundaries come from an independent walk of the file, not from the reader under test.
 */
class CaptureFileTruncationContractTest {

    static final long MAX_SIZE = 32 * 1024;

    static Stream<ReferenceCapture> smallCaptures() {
        return ReferenceCorpus.load().captures().stream().filter(c -> c.size() <= MAX_SIZE && !c.truncated());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallCaptures")
    void everyPrefixDeliversItsCompletePackets(ReferenceCapture capture) throws IOException {
        byte[] file = Files.readAllBytes(capture.path());
        List<long[]> records = boundaries(file);
        assertThat(records).as("records found by the independent walk").hasSize((int) capture.packets());
        for (int cut = 0; cut <= file.length; cut++) {
            MemorySegment prefix = MemorySegment.ofArray(file).asSlice(0, cut);
            int expected = 0;
            long firstIncomplete = -1;
            for (long[] record : records) {
                if (record[1] <= cut) {
                    expected++;
                } else if (firstIncomplete < 0) {
                    firstIncomplete = record[0];
                }
            }
            int[] delivered = {0};
            Optional<SourceDamage> damage;
            try (PacketSource source = CaptureFiles.open(capture.fileName(), prefix, () -> { })) {
                while (source.poll((ts, wire, data, offset, length, link) -> delivered[0]++, 16) != PacketSource.END_OF_INPUT) {
                    // read all
                }
                damage = source.damage();
            }
            assertThat(delivered[0]).as("%s cut at %d", capture.fileName(), cut).isEqualTo(expected);
            boolean clean = cut == file.length || isBoundary(records, cut, file);
            if (clean) {
                assertThat(damage).as("%s cut at clean boundary %d", capture.fileName(), cut).isEmpty();
            } else {
                assertThat(damage).as("%s cut at %d", capture.fileName(), cut).isPresent();
                if (firstIncomplete >= 0 && cut > firstIncomplete) {
                    assertThat(damage.get().byteOffset()).as("damage offset, cut at %d", cut).isEqualTo(firstIncomplete);
                }
            }
        }
    }

    /** True when the cut falls exactly after a complete record or block (nothing half-read). */
    private static boolean isBoundary(List<long[]> records, int cut, byte[] file) {
        if (isPcapng(file)) {
            return blockEnds(file).contains((long) cut);
        }
        if (cut == 24) {
            return true;
        }
        return records.stream().anyMatch(r -> r[1] == cut);
    }

    private static boolean isPcapng(byte[] file) {
        return ByteBuffer.wrap(file).order(ByteOrder.BIG_ENDIAN).getInt(0) == 0x0A0D0D0A;
    }

    /** [start, end) of every packet record or packet block, by walking lengths only. */
    static List<long[]> boundaries(byte[] file) {
        List<long[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file);
        if (isPcapng(file)) {
            long at = 0;
            ByteOrder section = ByteOrder.BIG_ENDIAN;
            while (at + 12 <= file.length) {
                int type = b.order(ByteOrder.BIG_ENDIAN).getInt((int) at);
                if (type == 0x0A0D0D0A) {
                    section = b.getInt((int) at + 8) == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
                }
                type = b.order(section).getInt((int) at);
                long length = Integer.toUnsignedLong(b.getInt((int) at + 4));
                if (type == 2 || type == 3 || type == 6) {
                    out.add(new long[] {at, at + length});
                }
                at += length;
            }
            return out;
        }
        int magic = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        b.order(magic == 0xa1b2c3d4 || magic == 0xa1b23c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long at = 24;
        while (at + 16 <= file.length) {
            long end = at + 16 + Integer.toUnsignedLong(b.getInt((int) at + 8));
            out.add(new long[] {at, end});
            at = end;
        }
        return out;
    }

    private static List<Long> blockEnds(byte[] file) {
        List<Long> ends = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file);
        long at = 0;
        ByteOrder section = ByteOrder.BIG_ENDIAN;
        while (at + 12 <= file.length) {
            if (b.order(ByteOrder.BIG_ENDIAN).getInt((int) at) == 0x0A0D0D0A) {
                section = b.getInt((int) at + 8) == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            }
            at += Integer.toUnsignedLong(b.order(section).getInt((int) at + 4));
            ends.add(at);
        }
        return ends;
    }
}
