package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code telltale read --rules --indicators}: signatures and indicator matches in the one alert stream, with their evidence. */
class ReadRulesTest {

    @Test
    void starterRulesAndAnIndicatorListRaiseAlertsWithTheirRuleAndList(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("vendor.txt");
        Files.writeString(list, "# name: vendor-watch\n# severity: high\nstatus.vendor-telemetry.example\n198.51.100.0/24\n");
        Path out = dir.resolve("out");
        ReadCommandTest.Run run = ReadCommandTest.run("read", ReadPolicyTest.EXAMPLE.toString(), "--out", out.toString(),
                "--rules", "starter", "--indicators", list.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("telltale read: rules: 31 loaded, 0 skipped, 0 errors")
                .contains("telltale read: indicators: 2 in 1 lists");
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            alerts.add(new ObjectMapper().readTree(line));
        }
        assertThat(alerts).filteredOn(a -> a.path("category").asText().equals("signature")).hasSize(6)
                .anySatisfy(a -> {
                    assertThat(a.path("signature").path("signature_id").asLong()).isEqualTo(1900001);
                    assertThat(a.path("signature").path("buffer").asText()).isEqualTo("tls.sni");
                    assertThat(a.path("signature").path("value").asText()).isEqualTo("relay-1a2b3c4d.net.anydesk.com");
                    assertThat(a.path("signature").path("category").asText()).isEqualTo("remote-access");
                    assertThat(a.path("attack").get(0).asText()).isEqualTo("T1219");
                    assertThat(a.path("severity").asText()).isEqualTo("high");
                });
        assertThat(alerts).filteredOn(a -> a.path("category").asText().equals("ioc-match"))
                .extracting(a -> a.path("device").path("address").asText() + " -> " + a.path("remote").path("address").asText())
                .containsExactlyInAnyOrder("10.20.30.11 -> 10.20.40.53", "10.20.30.11 -> 203.0.113.45", "10.20.30.11 -> 198.51.100.20");
        assertThat(run.out()).contains("ALERT high     signature          10.20.30.11 -> 203.0.113.18");
    }
}
