package io.telltale.signatures.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.detect.Finding;
import io.telltale.signatures.rule.Classifications;
import io.telltale.signatures.rule.RuleFile;
import io.telltale.signatures.rule.RuleParser;
import io.telltale.signatures.rule.RuleVariables;
import io.telltale.testdata.ReferenceCorpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules on the payload and on packet fields, run on the workers' payloads. */
class PacketPathTest {

    static List<Finding> run(Path capture, String rules) {
        RuleFile f = RuleParser.parse("test.rules", rules, RuleParser.Context.defaults());
        assertThat(f.errors()).isEmpty();
        assertThat(f.skipped()).isEmpty();
        return RulesOnCapture.findings(capture, RuleCompiler.compile(f.loaded(), RuleVariables.defaults(), Classifications.bundled())
                .rules());
    }

    @Test
    void payloadContentsMatchInTheStreamAndSayWhatTheySaw() {
        List<Finding> findings = run(StarterRulesTest.EXAMPLE, String.join("\n",
                "alert tcp $HOME_NET any -> $EXTERNAL_NET 80 (msg:\"upload\"; flow:established,to_server; content:\"POST /upload\"; "
                        + "depth:12; sid:1;)",
                "alert tcp $HOME_NET any -> $EXTERNAL_NET 80 (msg:\"wrong direction\"; flow:to_client; content:\"POST /upload\"; sid:2;)",
                "alert tcp any any -> any any (msg:\"reply\"; flow:to_client; content:\"HTTP/1.1 200\"; startswith; sid:3;)"));
        assertThat(findings).extracting(x -> x.signature().sid()).containsExactlyInAnyOrder(1L, 3L);
        Finding upload = findings.stream().filter(x -> x.signature().sid() == 1).findFirst().orElseThrow();
        assertThat(upload.signature().buffer()).isEqualTo("pkt_data");
        assertThat(upload.signature().value()).startsWith("POST /upload HTTP/1.1\\x0d\\x0aHost: 203.0.113.30");
        assertThat(upload.deviceAddress()).isEqualTo("10.20.30.21");
    }

    @Test
    void icmpTypesAndSizesAreTestedAndAPassRuleSilencesAFlow() {
        Path gre = ReferenceCorpus.load().capture("zeek__tunnels_gre-sample.pcap").path();
        assertThat(run(gre, "alert icmp any any -> any any (itype:8; sid:1;)")).isNotEmpty();
        assertThat(run(gre, "alert icmp any any -> any any (itype:8; dsize:>10000; sid:1;)")).isEmpty();
        // the echo requests in the tunnel carry a TTL of 64; the GRE packets around them 255 (as tshark shows):
        // the rule sees the inner packet's, as Suricata's
        assertThat(run(gre, "alert icmp any any -> any any (itype:8; ttl:64; sid:1;)")).isNotEmpty();
        assertThat(run(gre, "alert icmp any any -> any any (itype:8; ttl:255; sid:1;)")).isEmpty();
        assertThat(run(gre, "pass ip any any <> 172.28.2.3 any (sid:60000000;)\nalert icmp any any -> any any (itype:8; sid:1;)"))
                .isEmpty();
    }
}
