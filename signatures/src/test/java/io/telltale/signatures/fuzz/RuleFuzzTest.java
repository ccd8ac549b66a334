package io.telltale.signatures.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.telltale.signatures.engine.RuleCompiler;
import io.telltale.signatures.rule.Classifications;
import io.telltale.signatures.rule.RuleFile;
import io.telltale.signatures.rule.RuleParser;
import io.telltale.signatures.rule.RuleVariables;

/**
 * Coverage-guided fuzzing (Jazzer) of the rule parser and compiler: a rule file of any text gives
 * rules, skipped rules and errors with their line — never an exception — and what it loaded compiles
 * (or is refused with an error). Seeds: {@code src/test/resources/.../RuleFuzzTestInputs}, from
 * Emerging Threats rules.
 */
class RuleFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void aRuleFileOfAnyTextLoadsWhatItCanAndSaysTheRest(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8); // seeds are plain text files
        RuleFile file = RuleParser.parse("fuzzed.rules", text);
        for (var error : file.errors()) {
            if (error.toString().isBlank()) {
                throw new AssertionError("an error that says nothing");
            }
        }
        RuleCompiler.compile(file.loaded(), RuleVariables.defaults(), Classifications.bundled());
    }
}
