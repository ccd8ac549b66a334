package io.telltale.capture.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk under the packet store fills up (a 1 MiB tmpfs mounted for the test) while frames keep
 * coming: the store says it is failing, frames are counted as not stored, the disk is tried about once
 * a second of packet time rather than with a new file per frame, and when space returns (the tmpfs
 * grown) writing resumes by itself. Every file the manifest names matches its SHA-256, and the frames
 * written after the recovery are all there, in order, up to the last one.
 */
class StoreDiskFullTest {

    static final long T0 = 1_790_000_000_000_000_000L;
    static final long MILLISECOND = 1_000_000L;
    static final int FRAME_BYTES = 1000;

    @TempDir
    Path dir;

    @Test
    void aFullDiskStopsTheStoreAndItResumesWhenSpaceReturns() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path pcap = dir.resolve("pcap");
        Files.createDirectories(pcap);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", pcap.toString()) == 0, "mount -t tmpfs");
        try {
            PacketStore store = new PacketStore(new PacketStoreConfig(pcap, 256 << 10, PacketStoreConfig.DEFAULT_FILE_NANOS, 0,
                    null, null));
            PacketStoreWriter writer = store.writer();
            MemorySegment frame = MemorySegment.ofArray(new byte[FRAME_BYTES]);
            int n = 0;
            while (!store.failing() && n < 10_000) {
                write(writer, frame, n++);
            }
            assertThat(store.failing()).as("a 1 MiB disk is full after %d frames of 1 KB", n).isTrue();
            assertThat(store.failure()).contains("No space left on device");
            int fullAt = n;
            int filesWhenFull = Files.list(pcap).toList().size();
            for (int k = 0; k < 5_000; k++) {
                write(writer, frame, n++); // five seconds of packet time on a full disk
            }
            int filesTried = Files.list(pcap).toList().size() - filesWhenFull;
            assertThat(filesTried).as("about one attempt a second, not one per frame").isLessThanOrEqualTo(6);
            assertThat(store.failing()).isTrue();

            assertThat(run("mount", "-o", "remount,size=64m", pcap.toString())).isZero(); // space returns
            int firstAfter = -1;
            for (int k = 0; k < 3_000; k++) {
                boolean wasFailing = store.failing();
                write(writer, frame, n++);
                if (wasFailing && !store.failing()) {
                    firstAfter = n;
                }
            }
            assertThat(store.failing()).as("writing resumed by itself").isFalse();
            assertThat(firstAfter).isPositive();
            writer.close();

            long lost = store.writeFailures();
            assertThat(lost).as("the frames of the full disk, counted").isGreaterThanOrEqualTo(5_000);
            assertThat(store.storedPackets() + lost).as("every frame is stored or counted as lost").isEqualTo(n);
            assertThat(store.lostWhileFailing()).as("all lost in the one failure, reported when it ended").isEqualTo(lost);

            java.util.regex.Pattern closedLine = java.util.regex.Pattern.compile(
                    "\\{\"file\":\"([^\"]+)\",\"sha256\":\"([0-9a-f]{64})\",\"bytes\":\\d+,\"packets\":(\\d+),.*");
            long inManifest = 0;
            List<Integer> lastFileFrames = List.of();
            for (String line : Files.readAllLines(store.manifest().path())) {
                java.util.regex.Matcher closed = closedLine.matcher(line);
                assertThat(closed.matches()).as(line).isTrue();
                Path file = pcap.resolve(closed.group(1));
                byte[] bytes = Files.readAllBytes(file);
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                        .as("%s as the manifest says", file.getFileName()).isEqualTo(closed.group(2));
                inManifest += Long.parseLong(closed.group(3));
                lastFileFrames = frameNumbers(bytes);
                assertThat(lastFileFrames).hasSize(Integer.parseInt(closed.group(3)));
            }
            assertThat(inManifest).isLessThanOrEqualTo(store.storedPackets());
            assertThat(lastFileFrames.getLast()).as("the last frame is in the last file").isEqualTo(n - 1);
            for (int i = 1; i < lastFileFrames.size(); i++) {
                assertThat(lastFileFrames.get(i)).as("frames after recovery in order, none missing").isEqualTo(lastFileFrames.get(i - 1) + 1);
            }
            System.out.printf("packet store on a full disk: full at frame %d, %d files tried in 5 s, %,d frames not stored, "
                    + "writing again %d frames (ms of packet time) after space returned%n", fullAt, filesTried, lost,
                    firstAfter - (n - 3_000));
        } finally {
            run("umount", "-l", pcap.toString());
        }
    }

    /** Frame n: its number in its first four bytes, one millisecond after frame n - 1. */
    private static void write(PacketStoreWriter writer, MemorySegment frame, int n) {
        frame.set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 0, n);
        writer.onFlowPacket(null, null, T0 + n * MILLISECOND, FRAME_BYTES, frame, 0, FRAME_BYTES, 1);
    }

    /** The numbers of the frames in a nanosecond pcap file, in file order. */
    private static List<Integer> frameNumbers(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.position(PacketStoreWriter.PCAP_HEADER_BYTES);
        List<Integer> numbers = new ArrayList<>();
        while (b.remaining() >= PacketStoreWriter.RECORD_HEADER_BYTES) {
            b.getInt();
            b.getInt();
            int captured = b.getInt();
            b.getInt();
            numbers.add(b.order(ByteOrder.nativeOrder()).getInt(b.position()));
            b.order(ByteOrder.LITTLE_ENDIAN);
            b.position(b.position() + captured);
        }
        return numbers;
    }

    /** Mount and umount; testdata's Tmpfs does this for the other modules, but capture cannot depend on testdata (it depends on capture). */
    static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
