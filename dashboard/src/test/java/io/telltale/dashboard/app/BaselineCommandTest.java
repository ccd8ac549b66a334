package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learning mode on the example day: proposals as a diff with their evidence, --apply, accept, and learning groups. */
class BaselineCommandTest {

    static final Path EXAMPLE = ReadPolicyTest.EXAMPLE;

    static Path copyOfPolicy(Path dir) throws Exception {
        Path policy = dir.resolve("site-policy.yaml");
        Files.copy(ReadPolicyTest.POLICY, policy);
        return policy;
    }

    @Test
    void learnProposesWhatIsUndeclaredWithItsEvidenceAndApplyWritesAValidPolicy(@TempDir Path dir) throws Exception {
        Path policy = copyOfPolicy(dir);
        String before = Files.readString(policy);
        ReadCommandTest.Run run = ReadCommandTest.run("baseline", "learn", EXAMPLE.toString(), "--policy", policy.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("--- " + policy + "\n+++ " + policy + " (proposed)\n@@ -83,0 +84,")
                .contains("+  - id: learned-checkpoint-ct-ssl-443\n+    from: \"checkpoint-ct\"\n+    to: \"203.0.113.45/32\"")
                .contains("+    tls_sni: [\"status.vendor-telemetry.example\"]")
                .contains("+  # learned from 1 capture: 277 conversations")
                .contains("+  # REVIEW: the same traffic raised beaconing:critical, internet-access:high, undeclared-peer:high")
                .contains("+    dicom_called_ae: [\"ARCHIVE_EXT\"]")
                .contains("(7 declarations proposed;");
        // declared traffic is not proposed again, nor what nobody answered (the X-ray's blocked Windows Update)
        assertThat(run.out()).doesNotContain("10.20.40.10/32").doesNotContain("192.0.2.80");
        assertThat(Files.readString(policy)).isEqualTo(before); // nothing written without --apply

        assertThat(ReadCommandTest.run("baseline", "learn", EXAMPLE.toString(), "--policy", policy.toString(), "--apply")
                .out()).endsWith("written to " + policy + "\n");
        assertThat(PolicyLoader.load(policy).document().learned()).hasSize(7);
        assertThat(Files.readString(policy)).startsWith(before);
        // learned once, nothing is left to propose
        assertThat(ReadCommandTest.run("baseline", "learn", EXAMPLE.toString(), "--policy", policy.toString()).out())
                .isEqualTo("nothing to propose: everything seen is declared\n");
    }

    @Test
    void anAcceptedAlertIsDeclaredAndNoLongerRaised(@TempDir Path dir) throws Exception {
        Path policy = copyOfPolicy(dir);
        Path out = dir.resolve("out");
        ReadCommandTest.run("read", EXAMPLE.toString(), "--policy", policy.toString(), "--out", out.toString());
        ObjectMapper json = new ObjectMapper();
        JsonNode alert = null;
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            JsonNode a = json.readTree(line);
            if (a.get("title").asText().equals("Undeclared tcp/80 peer 192.0.2.80")) {
                alert = a;
            }
        }
        assertThat(alert).isNotNull();
        String id = alert.get("id").asText();
        ReadCommandTest.Run run = ReadCommandTest.run("baseline", "accept", id, "--from", out.toString(), "--policy",
                policy.toString(), "--apply");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("+  # accepted from alert " + id + ": 1 conversation")
                .contains("+  - id: learned-dual-view-xray-tcp-80\n+    from: \"dual-view-xray\"\n+    to: \"192.0.2.80/32\"\n"
                        + "+    protocol: \"tcp\"\n+    transport: tcp\n+    ports: [80]\n");
        ReadCommandTest.run("read", EXAMPLE.toString(), "--policy", policy.toString(), "--out", dir.resolve("again").toString());
        assertThat(Files.readString(dir.resolve("again").resolve("alerts.jsonl"))).doesNotContain(id)
                .doesNotContain("Undeclared tcp/80 peer 192.0.2.80");
        // an unknown id is refused by name
        run = ReadCommandTest.run("baseline", "accept", "TT-0000000000000000", "--from", out.toString(), "--policy", policy.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no alert TT-0000000000000000 in");
    }

    @Test
    void aGroupStillLearningRaisesNoPolicyAlertsButItsTunnelsStillAlert(@TempDir Path dir) throws Exception {
        Path policy = copyOfPolicy(dir);
        Files.writeString(policy, Files.readString(policy).replace("  dual-view-xray:\n    cidr: [10.20.30.12/32]\n",
                "  dual-view-xray:\n    cidr: [10.20.30.12/32]\n    mode: learning\n"));
        Path out = dir.resolve("out");
        ReadCommandTest.run("read", EXAMPLE.toString(), "--policy", policy.toString(), "--out", out.toString());
        List<String> xray = Files.readAllLines(out.resolve("alerts.jsonl")).stream()
                .filter(l -> l.contains("\"address\":\"10.20.30.12\",\"name\"")).toList();
        assertThat(xray).noneMatch(l -> l.contains("\"category\":\"undeclared-peer\""))
                .anyMatch(l -> l.contains("\"category\":\"icmp-tunnel\""))
                .anyMatch(l -> l.contains("\"category\":\"dns-tunnel\""));
    }
}
