package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.telltale.testdata.ReferenceCorpus;
import io.telltale.testdata.live.NetnsLab;
import io.telltale.testdata.wire.Link;
import io.telltale.testdata.wire.PcapFileWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A passive monitor never transmits on its capture interface. On a veth pair between two namespaces
 * made for the test, with IPv6 on as a fresh interface has it: first the probe (echo requests to all
 * IPv6 nodes of the link, from the far side) is shown to make an ordinary interface answer;
 * then, while {@code telltale capture} runs on it, tcpdump on the far end sees nothing at all arrive
 * from the capture side — no ARP, no neighbour or router solicitation, no MLD report, no echo reply —
 * though traffic is replayed into it the whole time.
 */
class SilentCaptureTest {

    static NetnsLab lab;
    static Path probe;

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(NetnsLab.available() && Files.isExecutable(Path.of("/usr/bin/tcpdump")),
                "needs root, iproute2, tcpreplay and tcpdump");
        lab = new NetnsLab("quiet");
        probe = writeProbe(Files.createTempDirectory("telltale-probe"));
        // IPv6 on, as on an interface nobody configured: it solicits routers and answers pings
        for (String ns : List.of(lab.source, lab.capture)) {
            NetnsLab.run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0");
        }
        NetnsLab.run("ip", "netns", "exec", lab.source, "sysctl", "-qw", "net.ipv6.conf.vsrc.disable_ipv6=0");
        NetnsLab.run("ip", "netns", "exec", lab.capture, "sysctl", "-qw", "net.ipv6.conf.vcap.disable_ipv6=0");
        Thread.sleep(2500); // duplicate-address detection of the link-local addresses
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void nothingLeavesTheCaptureInterfaceWhileTelltaleRuns(@TempDir Path dir) throws Exception {
        dir.toFile().setExecutable(true, false);
        // the probe works: an interface left as it is answers the all-nodes ping
        assertThat(framesFromCaptureSide(dir.resolve("before.pcap"), SilentCaptureTest::probe))
                .as("vcap answers before Telltale mutes it").isPositive();

        Process capture = new ProcessBuilder("ip", "netns", "exec", lab.capture, ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), TelltaleCommand.class.getName(),
                "capture", "-i", "vcap", "--out", dir.resolve("out").toString(), "--user", "root", "--duration", "12")
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        assertThat(CaptureCommandLiveTest.waitUntilCapturing(capture, output).get(60, TimeUnit.SECONDS)).contains("capturing on vcap");
        long during = framesFromCaptureSide(dir.resolve("during.pcap"), () -> {
            probe();
            lab.replay(ReferenceCorpus.load().capture("zeek__wikipedia.pcap").path(), "--topspeed");
            probe();
        });
        CaptureCommandLiveTest.awaitEnd(capture);
        assertThat(during).as("frames sent by the capture side while Telltale ran\n%s", output).isZero();
        assertThat(output.toString()).contains("capture: vcap: ARP off").contains("capture: vcap: IPv6 off");
        assertThat(Files.readString(dir.resolve("out/conn.log"))).as("and it captured meanwhile").contains("208.80.152.");
    }

    /** Pings all IPv6 nodes on the link from the far side (echo requests to ff02::1, replayed). */
    static void probe() throws IOException, InterruptedException {
        lab.replay(probe);
    }

    /** Three ICMPv6 echo requests from fe80::1 to all nodes (ff02::1, MAC 33:33:00:00:00:01): any live IPv6 host answers. */
    static Path writeProbe(Path dir) throws IOException {
        Path file = dir.resolve("all-nodes-ping.pcap");
        Link link = new Link(new byte[] {2, 0, 0, 0, 0, 1}, new byte[] {0x33, 0x33, 0, 0, 0, 1}, InetAddress.getByName("fe80::1"),
                InetAddress.getByName("ff02::1"), 255, 255, -1, 1);
        try (PcapFileWriter out = new PcapFileWriter(file)) {
            for (int i = 0; i < 3; i++) {
                out.write(link.icmp(1_772_500_000_000_000_000L + i * 300_000_000L, true, 128, 0, 7, i, new byte[16]));
            }
        }
        return file;
    }

    /** Runs the action with tcpdump on vsrc keeping only what arrives there (what vcap sent); the count. */
    static long framesFromCaptureSide(Path file, Action action) throws Exception {
        Process dump = new ProcessBuilder("ip", "netns", "exec", lab.source, "tcpdump", "-i", "vsrc", "-Q", "in", "-U", "-w",
                file.toString()).redirectErrorStream(true).start();
        Thread.sleep(1500); // tcpdump is listening
        try {
            action.run();
            Thread.sleep(1500);
        } finally {
            dump.destroy();
            dump.waitFor(10, TimeUnit.SECONDS);
        }
        String read = NetnsLab.run("tcpdump", "-n", "-r", file.toString());
        return read.lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d.*")).count(); // a line per frame; not the header
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }
}
