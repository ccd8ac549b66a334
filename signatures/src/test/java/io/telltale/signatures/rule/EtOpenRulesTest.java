package io.telltale.signatures.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Emerging Threats Open ruleset as published (../shared/rules/et-open, 24,827 rules; read in
 * place, never copied into Telltale): every rule is read without an error, the share loaded is
 * printed with the reasons for the rest, and every loaded rule prints back to itself.
 */
class EtOpenRulesTest {

    static final Path ET_OPEN = Path.of("../../shared/rules/et-open");
    static RuleFile all;
    static int total;

    @BeforeAll
    static void load() throws IOException {
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(ET_OPEN)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".rules")).sorted().toList()) {
                files.add(RuleParser.parse(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8),
                        RuleParser.Context.defaults()));
            }
        }
        all = RuleFile.merge(files);
        total = all.loaded().size() + all.skipped().size() + all.errors().size();
        System.out.printf(Locale.ROOT, "ET Open: %d rules, %d loaded (%.1f %%), %d skipped, %d errors%n", total,
                all.loaded().size(), 100.0 * all.loaded().size() / total, all.skipped().size(), all.errors().size());
        all.skippedByReason().forEach((reason, n) -> System.out.printf(Locale.ROOT, "  %6d  %s%n", n, reason));
        all.errors().stream().limit(20).forEach(e -> System.out.println("  error " + e));
    }

    @Test
    void everyRuleIsReadAndMostLoad() {
        assertThat(total).isEqualTo(24_827);
        assertThat(all.errors()).isEmpty();
        assertThat(all.loaded().size()).isGreaterThan(total * 3 / 4);
    }

    @Test
    void everyLoadedRulePrintsBackToItself() {
        for (LoadedRule r : all.loaded()) {
            String printed = RulePrinter.print(r.rule());
            assertThat(RuleParser.parseRule(printed)).as("%s:%d printed as %s", r.file(), r.line(), printed).isEqualTo(r.rule());
        }
    }

    @Test
    void everyLoadedRuleCompilesAndThePrefilterHoldsTheirPatterns() {
        io.telltale.signatures.engine.RuleCompiler.Result compiled = io.telltale.signatures.engine.RuleCompiler.compile(all.loaded(),
                RuleVariables.defaults(), Classifications.bundled());
        assertThat(compiled.errors()).isEmpty();
        System.out.printf(Locale.ROOT, "ET Open compiled: %d rules, %d fast patterns, %d on the packet path, %d not run%n",
                compiled.rules().size(), compiled.rules().patterns(), compiled.rules().packetRules(), compiled.notRun().size());
        assertThat(compiled.rules().size() + compiled.notRun().size()).isEqualTo(all.loaded().size());
    }
}
