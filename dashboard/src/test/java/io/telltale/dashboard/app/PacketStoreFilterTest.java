package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.capture.store.StoreFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packet store keeps only what it is told to: a BPF expression's frames, the policy's devices' flows. */
class PacketStoreFilterTest {

    static long tshark(Path pcap, String displayFilter) throws Exception {
        Process p = new ProcessBuilder("tshark", "-r", pcap.toString(), "-Y", displayFilter, "-T", "fields", "-e", "frame.number")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().count();
        assertThat(p.waitFor()).isZero();
        return lines;
    }

    @Test
    void aBpfExpressionChoosesTheFramesKept(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        ReadCommandTest.Run run = ReadCommandTest.run("read", IndexCrashTest.example().toString(), "--out", dir.resolve("out").toString(),
                "--data-dir", data.toString(), "--store-filter", "tcp port 443");
        assertThat(run.exitCode()).as(run.err()).isZero();
        long kept = 0;
        for (long id : StoreFiles.ids(data.resolve("pcap"))) {
            Path file = StoreFiles.path(data.resolve("pcap"), id);
            assertThat(tshark(file, "not tcp.port == 443")).as(file.toString()).isZero();
            kept += tshark(file, "tcp.port == 443");
        }
        assertThat(kept).isEqualTo(tshark(IndexCrashTest.example(), "tcp.port == 443")).isPositive();
        assertThat(run.out()).contains("stored " + String.format("%,d", kept) + " packets");
    }

    @Test
    void devicesOnlyKeepsThePacketsOfThePolicysDevices(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path policy = IndexCrashTest.example().resolveSibling("site-policy.yaml");
        ReadCommandTest.Run run = ReadCommandTest.run("read", IndexCrashTest.example().toString(), "--policy", policy.toString(),
                "--out", dir.resolve("out").toString(), "--data-dir", data.toString(), "--store-devices-only");
        assertThat(run.exitCode()).as(run.err()).isZero();
        ReadCommandTest.Run others = ReadCommandTest.run("extract", "--query", "NOT exists:device.src AND NOT exists:device.dst",
                "--data-dir", data.toString(), "-o", dir.resolve("others.pcap").toString());
        assertThat(others.out()).as(others.err()).contains("wrote 0 packets");
        ReadCommandTest.Run devices = ReadCommandTest.run("extract", "--query", "device:scanners", "--data-dir", data.toString(),
                "-o", dir.resolve("scanners.pcap").toString());
        assertThat(devices.exitCode()).as(devices.err()).isZero();
        assertThat(tshark(dir.resolve("scanners.pcap"), "ip.addr == 10.20.30.0/24")).isPositive()
                .isEqualTo(tshark(dir.resolve("scanners.pcap"), "frame"));
        ReadCommandTest.Run none = ReadCommandTest.run("read", IndexCrashTest.example().toString(), "--out",
                dir.resolve("out2").toString(), "--data-dir", dir.resolve("data2").toString(), "--store-devices-only");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("--store-devices-only needs a --policy");
    }
}
