package io.telltale.testdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wireshark's dissectors as a second opinion on every generated capture: {@code tshark -z expert}
 * must report no error-level item (malformed packets, bad checksums). DICOM's ports are decoded as
 * DICOM, so its PDUs are checked too. Skipped where tshark is not installed; CI installs it.
 */
class GeneratedPcapTsharkTest {

    static Stream<Scenario> scenarios() {
        return ScenarioCatalog.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void wiresharkFindsNothingMalformed(Scenario scenario) throws IOException, InterruptedException {
        assumeTrue(tshark() != null, "tshark is not installed");
        Path pcap = GeneratedCaptures.of(scenario).pcap();
        List<String> command = new ArrayList<>(List.of(tshark(), "-n", "-r", pcap.toString(), "-q", "-z", "expert,error",
                "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                "-d", "tcp.port==11112,dicom", "-d", "tcp.port==4242,dicom"));
        if (scenario.id().equals("A12")) {
            command.addAll(List.of("-d", "tcp.port==443,dicom"));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        if (GeneratedCaptures.of(scenario).truths().stream().anyMatch(t -> t.anomalies().contains("not-ntp-on-port-123"))) {
            // malformed on purpose, and said so: only NTP may be called malformed, nothing else
            assertThat(out.lines().filter(l -> l.contains("Malformed") && !l.contains(" NTP "))).as(out).isEmpty();
            assertThat(out).contains("Malformed");
            return;
        }
        assertThat(out).as("tshark expert errors for %s", scenario.id()).doesNotContain("Errors (").doesNotContain("Malformed");
    }

    static String tshark() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "tshark");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
