package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code read --policy}: alerts printed as they fire, alerts.jsonl with every field, a per-device table; bad policies named. */
class ReadPolicyTest {

    static final Path EXAMPLE = Path.of("../examples/screening-day.pcap");
    static final Path POLICY = Path.of("../examples/site-policy.yaml");

    @Test
    void theExampleDayRaisesItsAttacksAndWritesThemAsJsonLines(@TempDir Path dir) throws IOException {
        ReadCommandTest.Run run = ReadCommandTest.run("read", EXAMPLE.toString(), "--policy", POLICY.toString(), "--out",
                dir.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ALERT critical beaconing          10.20.30.11 -> 203.0.113.45")
                .contains("ALERT critical dns-tunnel         10.20.30.12 -> 10.20.40.53 (c2.example)")
                .contains("ALERT critical icmp-tunnel        10.20.30.12 -> 203.0.113.8")
                .contains("ALERT critical dicom-undeclared   10.20.30.11 -> 198.51.100.20")
                .contains("ALERT critical remote-access      10.20.30.11 -> 203.0.113.18 (relay-1a2b3c4d.net.anydesk.com)")
                .contains("ALERT critical long-connection    10.20.30.21 -> 203.0.113.77")
                .containsPattern("10\\.20\\.30\\.11 scanners,checkpoint-ct +5 +9 +2 +1 +0")
                .contains("ALERT critical cleartext-sensitive-data 10.20.30.21 -> 203.0.113.30  Sensitive data (EDIFACT passenger or cargo message) sent to 203.0.113.30")
                .contains("ALERT info     remote-access      10.20.60.5 -> 10.20.30.21  Declared RDP session to 10.20.30.21")
                .contains("Undeclared DNS name status.vendor-telemetry.example at 10.20.40.53");
        List<String> lines = Files.readAllLines(dir.resolve("alerts.jsonl"));
        assertThat(lines).hasSize(37);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode a = json.readTree(line);
            for (String field : List.of("id", "ts", "severity", "category", "title", "why", "device", "remote", "detector",
                    "attack", "flow_uids")) {
                assertThat(a.has(field)).as(field + " in " + line).isTrue();
            }
            assertThat(a.get("id").asText()).matches("TT-[0-9a-f]{16}");
            assertThat(a.get("ts").isNumber()).isTrue();
        }
        // the inventory: one line per site device, the DHCP'd X-ray with its identity
        List<String> assets = Files.readAllLines(dir.resolve("assets.jsonl"));
        assertThat(assets).hasSize(12);
        JsonNode xray = assets.stream().map(l -> read(json, l)).filter(a -> a.get("address").asText().equals("10.20.30.12"))
                .findFirst().orElseThrow();
        assertThat(xray.get("mac").asText()).isEqualTo("00:0b:ab:5c:12:02");
        assertThat(xray.get("vendor").asText()).startsWith("Advantech");
        assertThat(xray.get("host_name").asText()).isEqualTo("XR-L2");
        assertThat(xray.get("groups").toString()).isEqualTo("[\"scanners\",\"dual-view-xray\"]");
        assertThat(Files.readString(dir.resolve("asset-changes.jsonl")))
                .contains("\"change\":\"new-service\",\"address\":\"10.20.40.10\",\"after\":\"dicom/11112\"");
        // what the EDS posted, by kind and hash only: the passport number itself is nowhere in the output
        String sensitive = Files.readString(dir.resolve("sensitive_data.log"));
        assertThat(sensitive).contains("\tmrz\t").contains("\tfingerprint-template\t").contains("\twsq\t").contains("\tedifact\t");
        for (String file : List.of("sensitive_data.log", "alerts.jsonl")) {
            assertThat(Files.readString(dir.resolve(file))).doesNotContain("L898902C3");
        }
        // the same input gives the same ids: a SIEM can de-duplicate across runs
        ReadCommandTest.run("read", EXAMPLE.toString(), "--policy", POLICY.toString(), "--out", dir.resolve("again").toString());
        assertThat(Files.readAllLines(dir.resolve("again").resolve("alerts.jsonl"))).isEqualTo(lines);
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aVendorsMudFileDeclaresItsTelemetryByNameAndWhatItCannotSayIsNoted(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("../examples/checkpoint-ct.mud.json"), dir.resolve("ct.mud.json"));
        Path policy = dir.resolve("site.yaml");
        Files.writeString(policy, Files.readString(POLICY).replace("    oui: [\"00:1a:aa\"]        # Analogic\n",
                "    oui: [\"00:1a:aa\"]        # Analogic\n    mud: ct.mud.json\n"));
        ReadCommandTest.Run run = ReadCommandTest.run("read", EXAMPLE.toString(), "--policy", policy.toString(), "--out",
                dir.resolve("out").toString());
        assertThat(run.err()).contains("telltale read: policy: ct.mud.json mud-ct7-v4fr/controller: the \"controller\" abstraction");
        // the beacon's address is what status.vendor-telemetry.example resolved to: declared now, so neither
        // an undeclared peer nor a beacon; the CT's other attacks still alert
        assertThat(run.out()).doesNotContain("-> 203.0.113.45").contains("ALERT critical dicom-undeclared   10.20.30.11 -> 198.51.100.20");
    }

    @Test
    void aCountryTheSiteForbidsIsCriticalAndEveryExternalRemoteCarriesItsCountryAndAs(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("nl-only.yaml");
        Files.writeString(policy, "site: nl\ncountries:\n  only: [nl]\n");
        ReadCommandTest.Run run = ReadCommandTest.run("read", ReadCommandTest.reference("arkime__curl-enabled-tls13.pcap"),
                "--policy", policy.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.out()).contains("ALERT critical internet-access    192.168.65.3 -> 104.16.125.34 [US AS13335]  "
                + "Connection to US: 104.16.125.34");
        JsonNode alert = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("out").resolve("alerts.jsonl")).stream()
                .filter(l -> l.contains("Connection to US")).findFirst().orElseThrow());
        assertThat(alert.path("remote").path("country").asText()).isEqualTo("US");
        assertThat(alert.path("remote").path("asn").asLong()).isEqualTo(13335);
        assertThat(alert.path("remote").path("as_org").asText()).containsIgnoringCase("cloudflare");
    }

    @Test
    void aPolicyWithAMistakeIsRefusedWithItsLineAndColumn(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "site: x\ngroups:\n  scanners:\n    cidr: [10.20.30.0/33]\n");
        ReadCommandTest.Run run = ReadCommandTest.run("read", EXAMPLE.toString(), "--policy", bad.toString(), "--out",
                dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(bad + ":4:").contains("/33");
        Files.writeString(bad, "site: x\ndeclarations:\n  - from: nowhere\n    to: 10.0.0.1\n    transport: tcp\n");
        run = ReadCommandTest.run("read", EXAMPLE.toString(), "--policy", bad.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.err()).contains("\"nowhere\", which is neither a group of this policy, an address block nor a DNS name");
    }
}
