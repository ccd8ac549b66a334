package io.telltale.signatures.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.detect.Finding;
import io.telltale.signatures.rule.Classifications;
import io.telltale.signatures.rule.RuleFile;
import io.telltale.signatures.rule.RuleParser;
import io.telltale.signatures.rule.RuleVariables;
import io.telltale.signatures.rule.StarterRules;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The bundled starter rules: all load, and on the example screening day they name the attacks and nothing normal. */
class StarterRulesTest {

    static final Path EXAMPLE = Path.of("../examples/screening-day.pcap");
    static final Path TRUTH = Path.of("../examples/screening-day.truth.json");

    @Test
    void everyStarterRuleLoadsAndSaysWhy() {
        RuleFile f = StarterRules.read(RuleParser.Context.defaults());
        assertThat(f.errors()).isEmpty();
        assertThat(f.skipped()).isEmpty();
        assertThat(f.loaded()).hasSizeGreaterThanOrEqualTo(30).allSatisfy(r -> {
            assertThat(r.rule().msg()).startsWith("TELLTALE ");
            assertThat(r.rule().all(io.telltale.signatures.rule.RuleOption.Reference.class)).isNotEmpty();
            assertThat(r.rule().sid()).isBetween(1_900_001L, 1_900_999L);
        });
    }

    @Test
    void onTheExampleDayTheyNameTheAttacksAndNothingNormal() throws Exception {
        RuleFile f = StarterRules.read(RuleParser.Context.defaults());
        RuleSet rules = RuleCompiler.compile(f.loaded(), RuleVariables.defaults(), Classifications.bundled()).rules();
        List<Finding> findings = RulesOnCapture.findings(EXAMPLE, rules);
        Set<String> raised = new TreeSet<>();
        for (Finding x : findings) {
            raised.add(x.signature().sid() + " " + x.deviceAddress() + " -> " + x.remoteAddress());
        }
        // reviewed against screening-day.truth.json: A2b, A9b (twice: the name and the relay), A11, A13, A15
        assertThat(raised).containsExactly(
                "1900001 10.20.30.11 -> 203.0.113.18",
                "1900002 10.20.30.11 -> 10.20.40.53",
                "1900013 10.20.30.21 -> 203.0.113.77",
                "1900105 10.20.30.12 -> 10.20.40.53",
                "1900204 10.20.30.21 -> 203.0.113.30",
                "1900207 10.20.30.11 -> 198.51.100.20");
        Set<String> malicious = new HashSet<>();
        Set<String> normal = new HashSet<>();
        for (JsonNode s : new ObjectMapper().readTree(TRUTH.toFile())) {
            String pair = s.path("deviceAddress").asText() + " -> " + s.path("remote").path("address").asText();
            (s.path("label").asText().equals("malicious") ? malicious : normal).add(pair);
        }
        for (Finding x : findings) {
            String pair = x.deviceAddress() + " -> " + x.remoteAddress();
            assertThat(normal).as("a starter rule fired on normal traffic: %s", x.why()).doesNotContain(pair);
        }
        assertThat(findings).extracting(x -> x.deviceAddress() + " -> " + x.remoteAddress())
                .allMatch(p -> malicious.contains(p) || p.endsWith("10.20.40.53"));
    }
}
