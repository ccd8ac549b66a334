package io.telltale.signatures.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.signatures.engine.RuleSet;
import io.telltale.signatures.engine.SignatureDetector;
import io.telltale.signatures.ioc.IndicatorDetector;
import io.telltale.signatures.ioc.IndicatorSet;
import io.telltale.signatures.rule.RuleParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules and lists change on disk; the sets in force follow, whole, or stay when the new ones cannot load. */
class SignatureWatcherTest {

    @Test
    void aChangedRuleFileOrListIsSwappedInAndABrokenOneIsRefused(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("site.rules");
        Files.writeString(rules, "alert dns any any -> any any (dns.query; content:\"a.example\"; sid:1;)\n");
        Path list = dir.resolve("c2.txt");
        Files.writeString(list, "192.0.2.1\n");
        SignatureDetector detector = new SignatureDetector(RuleSet.empty());
        IndicatorDetector iocs = new IndicatorDetector(IndicatorSet.empty());
        List<String> said = new ArrayList<>();
        SignatureWatcher watcher = new SignatureWatcher(List.of(dir), RuleParser.Context.defaults(), detector, List.of(list), iocs,
                said::add);
        watcher.check();
        assertThat(said).as("nothing changed since the watcher started").isEmpty();

        Files.writeString(rules, "alert dns any any -> any any (dns.query; content:\"a.example\"; sid:1;)\n"
                + "alert dns any any -> any any (dns.query; content:\"b.example\"; sid:2;)\n");
        Files.writeString(list, "192.0.2.1\n198.51.100.0/24\nnot an indicator\n");
        watcher.check();
        assertThat(detector.rules().size()).isEqualTo(2);
        assertThat(said).containsExactly("rules: reloaded, 2 loaded, 0 skipped, 0 errors",
                "indicators: reloaded, 2 in 1 lists, 1 lines not read");

        RuleSet inForce = detector.rules();
        Files.writeString(rules, "alert dns any any -> any any (sid:nope;)\n");
        watcher.check();
        assertThat(detector.rules()).isSameAs(inForce);
        assertThat(said.getLast()).startsWith("rules: not reloaded, the rules in force stay (0 loaded, 0 skipped, 1 errors; first: ");
        int before = said.size();
        watcher.check();
        assertThat(said).as("the same broken content is said once").hasSize(before);
    }
}
