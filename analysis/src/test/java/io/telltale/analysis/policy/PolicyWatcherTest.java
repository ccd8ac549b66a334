package io.telltale.analysis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A changed file is put in force; a broken one is refused with its place and the old policy stays. */
class PolicyWatcherTest {

    static final String V1 = "groups:\n  ct:\n    cidr: [10.0.0.1/32]\ndeclarations:\n  - {id: a, from: ct, to: 192.0.2.1/32, transport: tcp, ports: [443]}\n";

    @Test
    void aChangedPolicyIsInForceAtTheNextCheckAndABrokenOneIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, V1);
        Policy policy = PolicyLoader.load(file);
        List<String> said = new ArrayList<>();
        try (PolicyWatcher watcher = new PolicyWatcher(file, policy, PolicyWatcher.printing(said::add))) {
            policy.identify("10.0.0.7", new Policy.Identity(null, null, "ct-7"));
            watcher.check();
            assertThat(said).isEmpty(); // unchanged
            Files.writeString(file, V1.replace("192.0.2.1/32", "192.0.2.2/32").replace("cidr: [10.0.0.1/32]",
                    "cidr: [10.0.0.1/32]\n    name: [\"ct-*\"]"));
            watcher.check();
            assertThat(said).containsExactly("policy " + file + " reloaded (version 1)");
            assertThat(policy.declared("10.0.0.1", "192.0.2.2", "tcp", 443, null, 0)).isTrue();
            assertThat(policy.declared("10.0.0.1", "192.0.2.1", "tcp", 443, null, 0)).isFalse();
            assertThat(policy.declared("10.0.0.7", "192.0.2.2", "tcp", 443, null, 0)).as("identities kept").isTrue();

            Files.writeString(file, "groups:\n  ct:\n    cidr: [10.0.0.1/33]\n");
            watcher.check();
            watcher.check(); // the same broken file is reported once
            assertThat(said).hasSize(2);
            assertThat(said.get(1)).startsWith("policy " + file + " not reloaded, the one in force stays: " + file + ":3:");
            assertThat(policy.declared("10.0.0.1", "192.0.2.2", "tcp", 443, null, 0)).isTrue();
        }
    }
}
