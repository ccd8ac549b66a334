package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code telltale rules check}: what loads, what is skipped and why, errors with their place, the last line, the exit code. */
class RulesCheckCommandTest {

    @Test
    void aFileWithErrorsAndSkipsIsReportedAndExitsOne(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("site.rules");
        Files.writeString(rules, String.join("\n",
                "# screening site rules",
                "alert tls $HOME_NET any -> $EXTERNAL_NET any (msg:\"AnyDesk relay\"; tls.sni; content:\"anydesk.com\"; endswith; "
                        + "classtype:policy-violation; sid:9100001; rev:1;)",
                "alert tls any any -> any any (msg:\"certs\"; tls.certs; content:\"MRZ\"; sid:9100002;)",
                "alert tcp any any -> any 70000 (msg:\"bad port\"; sid:9100003;)",
                ""));
        ReadCommandTest.Run run = ReadCommandTest.run("rules", "check", "--print", rules.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("alert tls $HOME_NET any -> $EXTERNAL_NET any (msg:\"AnyDesk relay\"; tls.sni; "
                        + "content:\"anydesk.com\"; endswith; classtype:policy-violation; sid:9100001; rev:1;)\n")
                .contains("error: " + rules + ":4:26: port 70000 is above 65535\n")
                .contains("skipped, by reason:\n        1  buffer tls.certs is not extracted yet\n")
                .endsWith("rules: 1 loaded, 1 skipped, 1 errors\n");
    }

    @Test
    void theEtOpenRulesetLoadsWithoutErrors() {
        ReadCommandTest.Run run = ReadCommandTest.run("rules", "check", "../../shared/rules/et-open");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("        1  protocol dcerpc is not dissected\n")
                .endsWith("rules: 23903 loaded, 924 skipped, 0 errors\n");
    }
}
