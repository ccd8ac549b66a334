package io.telltale.analysis.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.analysis.policy.PolicyDocument;
import io.telltale.analysis.policy.PolicyLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Appended declarations load as written, hostile names included, and the diff is the appended lines. */
class PolicyAppenderTest {

    static final String POLICY = "site: x\ngroups:\n  ct: {cidr: [10.0.0.1/32]}\ndeclarations: []\n";

    static Proposal proposal(String sni) {
        return new Proposal("ct", "192.0.2.1/32", "ssl", "tcp", 443, "tls_sni", List.of(sni), 3, 0, 0, 10, 20, List.of());
    }

    @Test
    void aHostileServerNameStaysOneStringAndAddsNoKey() throws Exception {
        String hostile = "evil.example\"]\n  - id: sneaky\n    from: ct\n    to: 0.0.0.0/0 #";
        PolicyDocument current = PolicyLoader.parseDocument("p.yaml", POLICY);
        String text = PolicyAppender.append("p.yaml", POLICY, current, List.of(proposal(hostile)), "learned");
        PolicyDocument after = PolicyLoader.parseDocument("p.yaml", text);
        assertThat(after.learned()).singleElement().satisfies(d -> {
            assertThat(d.tlsSni()).containsExactly(hostile);
            assertThat(d.to()).containsExactly("192.0.2.1/32");
        });
        String diff = PolicyAppender.diff("p.yaml", POLICY, text);
        assertThat(diff).startsWith("--- p.yaml\n+++ p.yaml (proposed)\n@@ -4,0 +5,").contains("\n+learned:\n");
        // a second append goes under the same key, with a fresh id
        String twice = PolicyAppender.append("p.yaml", text, after, List.of(proposal("a.example")), "learned");
        assertThat(PolicyLoader.parseDocument("p.yaml", twice).learned()).extracting(PolicyDocument.Declaration::id)
                .containsExactly("learned-ct-ssl-443", "learned-ct-ssl-443-2");
    }

    @Test
    void learnedMustBeTheLastKeyToBeAppendedTo() throws Exception {
        String text = "learned: []\nsite: x\n";
        assertThatThrownBy(() -> PolicyAppender.append("p.yaml", text, PolicyLoader.parseDocument("p.yaml", text),
                List.of(proposal("a.example")), "learned")).hasMessageContaining("must be the last key");
    }
}
