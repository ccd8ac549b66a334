package io.telltale.dashboard.siem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool keeps what was not committed across a reopen, cuts a torn tail, and drops the oldest over its quota. */
class DiskSpoolTest {

    @TempDir
    Path dir;

    private static byte[] message(int n, int size) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) 'x');
        byte[] head = ("m" + n + " ").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    private static List<String> names(List<DiskSpool.Entry> entries) {
        List<String> out = new ArrayList<>();
        for (DiskSpool.Entry e : entries) {
            out.add(new String(e.message(), StandardCharsets.US_ASCII).split(" ")[0]);
        }
        return out;
    }

    @Test
    void whatIsNotCommittedIsThereAfterAReopenAndATornTailIsCut() throws Exception {
        List<String> log = new ArrayList<>();
        try (DiskSpool s = DiskSpool.open(dir, 1 << 20, log::add)) {
            for (int n = 1; n <= 10; n++) {
                s.append(message(n, 100));
            }
            List<DiskSpool.Entry> first = s.read(s.committed(), 4, 1 << 20);
            assertEquals(List.of("m1", "m2", "m3", "m4"), names(first));
            s.commit(first.getLast().next(), 4, 400);
            assertEquals(6, s.pendingEntries());
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".spool")).findFirst().orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 30); // the process died in the middle of writing m10
        }
        try (DiskSpool s = DiskSpool.open(dir, 1 << 20, log::add)) {
            assertEquals(5, s.pendingEntries(), "m5 to m9 survive, m10 was torn");
            assertEquals(List.of("m5", "m6", "m7", "m8", "m9"), names(s.read(s.committed(), 100, 1 << 20)));
            assertTrue(log.stream().anyMatch(l -> l.contains("damaged from byte")), log.toString());
            s.append(message(11, 100));
            assertEquals(List.of("m5", "m6", "m7", "m8", "m9", "m11"), names(s.read(s.committed(), 100, 1 << 20)),
                    "appending goes on after the cut");
        }
    }

    @Test
    void overItsQuotaTheOldestAreDroppedCountedAndSaid() throws Exception {
        List<String> log = new ArrayList<>();
        try (DiskSpool s = DiskSpool.open(dir, 256 << 10, log::add)) { // 64 KiB segments
            for (int n = 1; n <= 400; n++) {
                s.append(message(n, 1000));
            }
            assertTrue(s.droppedEntries() > 0, "400 KB do not fit 256 KiB");
            assertEquals(400, s.pendingEntries() + s.droppedEntries(), "every message is either waiting or counted as dropped");
            List<String> left = names(s.read(s.committed(), 1000, 1 << 24));
            assertEquals("m400", left.getLast(), "the newest are kept");
            assertEquals("m" + (s.droppedEntries() + 1), left.getFirst(), "the oldest went first");
            assertTrue(log.getFirst().contains("over its quota"), log.toString());
            long bytes = 0;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    bytes += Files.size(p);
                }
            }
            assertTrue(bytes <= (256 << 10) + 100, "the disk holds no more than the quota: " + bytes);
        }
    }
}
