package io.telltale.analysis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.query.FlowQueryParser;
import io.telltale.analysis.index.query.QueryException;
import io.telltale.analysis.policy.PolicyLoader.PolicyException;
import io.telltale.analysis.policy.PolicyLoader;
import java.util.Set;

/**
 * Coverage-guided fuzzing (Jazzer) of what a person writes: the site policy (YAML) and the search query
 * language. Bad input must end as the loader's or parser's own error, which names where and why; any
 * other exception is a finding. Seeds: {@code src/test/resources/.../TextInputFuzzTestInputs}.
 */
class TextInputFuzzTest {

    private static final FlowQueryParser PARSER = new FlowQueryParser(IndexSchema.standard(), value -> Set.of(1L));

    @FuzzTest(maxDuration = "60s")
    void aPolicyOfAnyTextLoadsOrSaysWhereItIsWrong(byte[] bytes) {
        String yaml = new String(bytes, java.nio.charset.StandardCharsets.UTF_8); // seeds are plain text files
        try {
            PolicyLoader.parse("fuzzed.yaml", yaml);
        } catch (PolicyException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("a policy error says nothing", e);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void aQueryOfAnyTextParsesOrSaysWhereItIsWrong(byte[] bytes) {
        String query = new String(bytes, java.nio.charset.StandardCharsets.UTF_8); // seeds are plain text files
        try {
            PARSER.parse(query);
        } catch (QueryException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("a query error says nothing", e);
            }
        }
    }
}
