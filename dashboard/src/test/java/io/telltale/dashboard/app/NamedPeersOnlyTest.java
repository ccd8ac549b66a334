package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.telltale.testdata.live.NetnsLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The appliance connects only where its configuration says: no update check, no feed, no DNS lookup
 * of its own. {@code telltale run} runs live in a namespace made for the test, whose only way out is a
 * default route into an interface that leads nowhere (so anything meant for the world — a resolver, a vendor's
 * server — would leave through it and be seen), with the example policy and rules, a syslog
 * destination and the dashboard on loopback. tcpdump records every frame the namespace sends on
 * any interface (all of loopback, where a frame shows once, as arriving) while traffic is replayed into the capture interface, alerts fire and are sent, and
 * the dashboard is asked for a page. Every frame must belong to the named syslog destination or the
 * dashboard; the test fails on any other, listing it.
 */
class NamedPeersOnlyTest {

    static final int SYSLOG_PORT = 5514;
    static final int DASHBOARD_PORT = 18443;
    /**
     * A line of {@code tcpdump -nn -r} on a capture of "any", read in the namespace so that interface
     * indexes have their names: time, interface, direction (out; in, to another host, broadcast,
     * multicast) and the rest.
     */
    static final Pattern FRAME = Pattern.compile("^\\S+ (\\S+) +(In|Out|B|M|P) +(.*)$");

    static NetnsLab lab;

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(NetnsLab.available() && Files.isExecutable(Path.of("/usr/bin/tcpdump")) && Files.isExecutable(Path.of("/usr/bin/curl")),
                "needs root, iproute2, tcpreplay, tcpdump and curl");
        lab = new NetnsLab("named");
        NetnsLab.run("ip", "-n", lab.capture, "link", "set", "lo", "up");
        // the world: a veth whose other end lies in the source namespace, where nothing answers
        NetnsLab.run("ip", "link", "add", "world0", "netns", lab.capture, "type", "veth", "peer", "name", "wpeer", "netns", lab.source);
        NetnsLab.run("ip", "-n", lab.source, "link", "set", "wpeer", "up");
        NetnsLab.run("ip", "-n", lab.capture, "addr", "add", "10.254.0.2/24", "dev", "world0");
        NetnsLab.run("ip", "-n", lab.capture, "link", "set", "world0", "up");
        NetnsLab.run("ip", "-n", lab.capture, "route", "add", "default", "dev", "world0");
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
        CaptureCommandLiveTest.removeReadableClassPath();
    }

    @Test
    void theRunningApplianceSendsOnlyToWhatItsConfigurationNames() throws Exception {
        Path dir = Files.createTempDirectory("telltale-named"); // reachable by nobody, whom the capture becomes
        dir.toFile().setExecutable(true, false);
        Path examples = Path.of("../examples").toAbsolutePath().normalize();
        Path config = dir.resolve("telltale.yaml");
        Files.writeString(config, """
                capture: {interface: vcap, stats_interval: 1, evaluate_interval: 2}
                policy: %s
                rules: [starter]
                data_dir: %s
                dashboard: {listen: "127.0.0.1:%d"}
                outputs:
                  drain_timeout: 2s
                  syslog:
                    - {name: soc, transport: tcp, host: 127.0.0.1, port: %d, format: cef}
                """.formatted(examples.resolve("site-policy.yaml"), dir.resolve("data"), DASHBOARD_PORT, SYSLOG_PORT));
        Path frames = dir.resolve("sent.pcap");
        Process dump = new ProcessBuilder("ip", "netns", "exec", lab.capture, "tcpdump", "-i", "any", "-nn", "-U", "-w",
                frames.toString()).redirectErrorStream(true).start();
        Thread.sleep(1500); // tcpdump is listening
        StringBuilder output = new StringBuilder();
        Process run = new ProcessBuilder("ip", "netns", "exec", lab.capture,
                ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED", "-cp",
                CaptureCommandLiveTest.readableClassPath(), TelltaleCommand.class.getName(), "run", "--config", config.toString())
                .redirectErrorStream(true).start();
        try {
            assertThat(CaptureCommandLiveTest.waitUntilCapturing(run, output).get(60, TimeUnit.SECONDS)).as(output.toString())
                    .contains("running as nobody");
            lab.replay(examples.resolve("screening-day.pcap"), "--topspeed");
            String page = NetnsLab.run("ip", "netns", "exec", lab.capture, "curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}",
                    "https://127.0.0.1:" + DASHBOARD_PORT + "/");
            assertThat(page).isEqualTo("200");
            Thread.sleep(4_000); // an evaluation of series, and the sender's retries
        } finally {
            run.toHandle().destroy();
            CaptureCommandLiveTest.awaitEnd(run);
            Thread.sleep(1_000);
            dump.destroy();
            dump.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(output.toString()).contains("ALERT ");

        List<String> named = new ArrayList<>();
        List<String> unnamed = new ArrayList<>();
        for (String line : NetnsLab.run("ip", "netns", "exec", lab.capture, "tcpdump", "-nn", "-r", frames.toString()).lines().toList()) {
            Matcher m = FRAME.matcher(line);
            if (!m.matches()) {
                continue; // tcpdump's own header line
            }
            boolean loopback = m.group(1).equals("lo");
            if (!loopback && !m.group(2).equals("Out")) {
                continue; // what arrives from outside (the replayed traffic on vcap) is not ours; on lo, every frame is
            }
            String ends = m.group(3);
            boolean toNamed = ends.matches("IP 127\\.0\\.0\\.1\\.(\\d+) > 127\\.0\\.0\\.1\\.(\\d+):.*")
                    && (ends.contains("." + SYSLOG_PORT + " ") || ends.contains("." + SYSLOG_PORT + ":")
                    || ends.contains("." + DASHBOARD_PORT + " ") || ends.contains("." + DASHBOARD_PORT + ":"));
            (loopback && toNamed ? named : unnamed).add(line);
        }
        assertThat(named).as("the trace works: the syslog destination was tried and the dashboard answered")
                .anyMatch(l -> l.contains("." + SYSLOG_PORT + ":")).anyMatch(l -> l.contains("." + DASHBOARD_PORT + ":"));
        assertThat(unnamed).as("frames sent to anything the configuration does not name").isEmpty();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
