package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.testdata.scenario.Scenario;
import io.telltale.testdata.scenario.ScenarioCatalog;
import io.telltale.testdata.scenario.Truth;
import io.telltale.testdata.scenario.TruthFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code telltale generate} end to end, and every generated capture through {@code telltale read}:
 * no anomaly anywhere except where a truth file says the scenario is malformed on purpose, and the
 * protocols each scenario speaks are recognised by content.
 */
class GenerateCommandTest {

    static final Pattern ANOMALIES = Pattern.compile("anomalies\\s+([\\d,]+)");

    @Test
    void listNamesEveryScenario() {
        ReadCommandTest.Run run = ReadCommandTest.run("generate", "--list");
        assertThat(run.exitCode()).isZero();
        for (Scenario s : ScenarioCatalog.all()) {
            assertThat(run.out()).contains(s.id() + " ").contains(s.title());
        }
        assertThat(run.out()).contains("busy-day");
    }

    @Test
    void everyGeneratedCaptureReadsWithoutAnomalies(@TempDir Path dir) throws IOException {
        ReadCommandTest.Run gen = ReadCommandTest.run("generate", "all", "--out", dir.toString(), "--volume-scale", "0.00001",
                "--load", "0.05", "--seed", "3");
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        for (Scenario s : ScenarioCatalog.all()) {
            Path pcap = dir.resolve(s.id() + ".pcap");
            List<Truth> truths = TruthFiles.read(dir.resolve(s.id() + ".truth.json"));
            assertThat(truths).isNotEmpty();
            ReadCommandTest.Run read = ReadCommandTest.run("read", pcap.toString(), "--out", dir.resolve("out-" + s.id()).toString());
            assertThat(read.exitCode()).as(s.id() + ": " + read.err()).isZero();
            Matcher m = ANOMALIES.matcher(read.out());
            assertThat(m.find()).as(read.out()).isTrue();
            assertThat(m.group(1)).as("%s: anomalies in %s", s.id(), read.out()).isEqualTo("0");
        }
        // what each scenario speaks is named by content, whatever the port
        assertThat(log(dir, "N1", "dicom.log")).contains("\tCTL1\tCIP_SRV\t");
        assertThat(log(dir, "N1-twin", "conn.log")).contains("\t4242\ttcp\tdicom\t");
        assertThat(log(dir, "A12", "conn.log")).contains("\t443\ttcp\tdicom\t");
        assertThat(log(dir, "A11", "dicom.log")).contains("ARCHIVE_EXT").doesNotContain("Tr4y-M1rr0r!");
        assertThat(log(dir, "A1", "ssl.log")).contains("status.vendor-telemetry.example");
        assertThat(log(dir, "A9b", "ssl.log")).contains("anydesk");
        assertThat(log(dir, "A15", "ssh.log")).contains("OpenSSH_for_Windows_8.1");
        assertThat(log(dir, "N5", "smb_mapping.log")).contains("\\\\\\\\10.20.30.12\\\\TIP");
        assertThat(log(dir, "N5", "ntlm.log")).contains("\ttipsvc\t");
        assertThat(log(dir, "N7", "conn.log")).contains("\t3389\ttcp\trdp\t");
        assertThat(log(dir, "N8", "dhcp.log")).contains("XR-L2").contains("MSFT 5.0");
        assertThat(log(dir, "A2a", "dns.log")).contains("t1.tunnel.example").contains("NULL");
        assertThat(log(dir, "A4a", "icmp.log")).isNotEmpty();
        assertThat(log(dir, "A14", "conn.log")).contains("\t3544\tudp\t").contains("2001:0:c633:6432:"); // the tunnelled IPv6 seen inside
    }

    /** The real tools recorded in the namespace lab: read clean, and named by what they speak. */
    @Test
    void everyRecordingReadsWithoutAnomalies(@TempDir Path dir) throws IOException {
        java.util.Map<String, String> services = java.util.Map.of(
                "socat-reverse-shell.pcap", "\t4444\ttcp\tshell\t",
                "curl-tls-beacon.pcap", "\t443\ttcp\tssl\t",
                "ssh-reverse-tunnel.pcap", "\t22\ttcp\tssh\t",
                "ptunnel-icmp-tunnel.pcap", "\ticmp\t",
                "iodine-dns-tunnel.pcap", "\t53\tudp\tdns\t",
                "dns2tcp-dns-tunnel.pcap", "\t53\tudp\tdns\t",
                "openvpn-udp.pcap", "\t1194\tudp\topenvpn\t",
                "tor-bridge-link.pcap", "\t9001\ttcp\tssl\t",
                "dicom-associations.pcap", "\t443\ttcp\tdicom\t",
                "smb-image-upload.pcap", "\t445\ttcp\tsmb\t");
        for (var e : services.entrySet()) {
            Path out = dir.resolve(e.getKey());
            ReadCommandTest.Run read = ReadCommandTest.run("read", io.telltale.testdata.Recordings.path(e.getKey()).toString(),
                    "--out", out.toString());
            assertThat(read.exitCode()).as(e.getKey()).isZero();
            assertThat(read.out()).as(e.getKey()).contains("anomalies   0");
            assertThat(Files.readString(out.resolve("conn.log"))).as(e.getKey()).contains(e.getValue());
        }
    }

    @Test
    void wrongArgumentsAreRefusedWithAReason(@TempDir Path dir) {
        ReadCommandTest.Run unknown = ReadCommandTest.run("generate", "A99", "--out", dir.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no scenario 'A99'");
        ReadCommandTest.Run days = ReadCommandTest.run("generate", "A1", "--out", dir.toString(), "--days", "0");
        assertThat(days.exitCode()).isEqualTo(2);
        assertThat(days.err()).contains("--days");
    }

    static String log(Path dir, String scenario, String name) throws IOException {
        Path file = dir.resolve("out-" + scenario).resolve(name);
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
