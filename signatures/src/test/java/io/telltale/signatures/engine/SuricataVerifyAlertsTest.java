package io.telltale.signatures.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.telltale.analysis.detect.Finding;
import io.telltale.signatures.rule.Classifications;
import io.telltale.signatures.rule.RuleFile;
import io.telltale.signatures.rule.RuleParser;
import io.telltale.signatures.rule.RuleVariables;
import io.telltale.signatures.rule.SkippedRule;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The alert checks of the suricata-verify tests in the reference corpus, with the tests' own rules:
 * every check Telltale can judge gives the count Suricata asserts. Telltale follows Suricata 8; a
 * test gated to other versions, one that simulates IPS mode, a check on fields Telltale's alerts do
 * not have, or on a rule Telltale skips, is printed with the reason and not judged.
 */
class SuricataVerifyAlertsTest {

    static final double VERSION = 8.0;

    @Test
    void everyCheckTelltaleCanJudgeGivesSuricatasCount() {
        List<String> failures = new ArrayList<>();
        java.util.Set<String> printed = new java.util.HashSet<>();
        int judged = 0;
        System.out.printf(Locale.ROOT, "%-34s %-40s %-24s %8s %6s  %s%n", "capture", "test", "check", "expected", "found",
                "verdict");
        for (ReferenceCapture capture : ReferenceCorpus.load().captures()) {
            for (JsonNode test : capture.expectations("suricata_verify")) {
                if (!test.has("rules") || test.path("rules").isEmpty()) {
                    continue;
                }
                String name = test.path("test_path").asText();
                String testSkip = testSkip(test);
                Map<Long, String> skippedRules = new HashMap<>();
                Map<Long, Integer> found = new HashMap<>();
                int all = 0;
                if (testSkip == null) {
                    StringBuilder text = new StringBuilder();
                    test.path("rules").properties().forEach(e -> text.append(e.getValue().asText()).append('\n'));
                    RuleFile rules = RuleParser.parse(name, text.toString(), RuleParser.Context.defaults());
                    for (SkippedRule s : rules.skipped()) {
                        skippedRules.put(s.sid(), s.reason());
                    }
                    rules.errors().forEach(e -> skippedRules.put(-1L, "rule error: " + e));
                    RuleCompiler.Result compiled = RuleCompiler.compile(rules.loaded(), RuleVariables.defaults(), Classifications.bundled());
                    for (CompiledRule r : compiled.rules().rules) {
                        if (r.packetLevel() && !r.packetRunnable()) {
                            skippedRules.put(r.rule().sid(), "mixes the payload with an app-layer buffer, or tests the TTL");
                        }
                    }
                    List<Finding> findings = RulesOnCapture.findings(capture.path(), compiled.rules());
                    for (Finding f : findings) {
                        found.merge(f.signature().sid(), 1, Integer::sum);
                    }
                    all = findings.size();
                }
                for (JsonNode check : test.path("checks")) {
                    JsonNode filter = check.path("filter");
                    JsonNode match = filter.path("match");
                    if (!match.path("event_type").asText().equals("alert") && !match.has("alert.signature_id")) {
                        continue; // not an alert check
                    }
                    long expected = filter.path("count").asLong();
                    String reason = testSkip != null ? testSkip : checkSkip(filter, skippedRules);
                    long sid = match.path("alert.signature_id").asLong(-1);
                    long actual = sid >= 0 ? found.getOrDefault(sid, 0) : all;
                    String label = sid >= 0 ? "sid " + sid : "all alerts";
                    String verdict;
                    if (reason != null) {
                        verdict = "not judged: " + reason;
                    } else {
                        judged++;
                        verdict = actual == expected ? "agrees" : "DIFFERS";
                        if (actual != expected) {
                            failures.add(capture.fileName() + " " + name + " " + label + ": expected " + expected + ", found " + actual);
                        }
                    }
                    String line = String.format(Locale.ROOT, "%-34s %-40s %-24s %8d %6s  %s", capture.fileName(), name, label,
                            expected, reason == null ? String.valueOf(actual) : "-", verdict);
                    if (printed.add(line)) {
                        System.out.println(line);
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(judged).isGreaterThanOrEqualTo(4);
    }

    /** Why a whole test is not judged, or null. */
    static String testSkip(JsonNode test) {
        JsonNode requires = test.path("requires");
        if (requires.has("min-version") && version(requires.path("min-version")) > VERSION) {
            return "needs Suricata " + requires.path("min-version").asText();
        }
        if (requires.has("lt-version") && version(requires.path("lt-version")) <= VERSION) {
            return "asserts Suricata before " + requires.path("lt-version").asText();
        }
        for (JsonNode a : test.path("args")) {
            if (a.asText().contains("--simulate-ips")) {
                return "simulates IPS mode";
            }
        }
        return null;
    }

    /** Why one check is not judged, or null. */
    static String checkSkip(JsonNode filter, Map<Long, String> skippedRules) {
        JsonNode requires = filter.path("requires");
        if (requires.has("min-version") && version(requires.path("min-version")) > VERSION) {
            return "needs Suricata " + requires.path("min-version").asText();
        }
        if (requires.has("lt-version") && version(requires.path("lt-version")) <= VERSION) {
            return "asserts Suricata before " + requires.path("lt-version").asText();
        }
        long ruleSid = filter.path("match").path("alert.signature_id").asLong(-1);
        if (ruleSid >= 0 && skippedRules.containsKey(ruleSid)) {
            return "rule skipped: " + skippedRules.get(ruleSid);
        }
        List<String> keys = new ArrayList<>();
        filter.path("match").fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            if (!k.equals("event_type") && !k.equals("alert.signature_id")) {
                return "matches on " + k;
            }
        }
        long sid = filter.path("match").path("alert.signature_id").asLong(-1);
        if (sid >= 0 && skippedRules.containsKey(sid)) {
            return "rule skipped: " + skippedRules.get(sid);
        }
        if (sid < 0 && !skippedRules.isEmpty()) {
            return "counts all alerts, and a rule is skipped: " + skippedRules.values().iterator().next();
        }
        return null;
    }

    private static double version(JsonNode v) {
        String t = v.asText();
        String[] parts = t.split("\\.");
        return Double.parseDouble(parts[0] + (parts.length > 1 ? "." + parts[1] : ""));
    }
}
