package io.telltale.signatures.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.signatures.rule.RuleOption.Content;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleParserTest {

    @Test
    void aRuleBecomesItsTree() {
        Rule r = RuleParser.parseRule("alert http $HOME_NET any -> [!10.0.0.0/8,$EXTERNAL_NET] [80,8000:8100,!8080] "
                + "(msg:\"Vendor \\\"phone\\\" home\\; v2\"; flow:established,to_server; http.host; content:\"updates|2e|vendor\"; "
                + "nocase; depth:30; endswith; content:!\"x\"; distance:-2; within:4; fast_pattern:only; "
                + "pcre:\"/^GET \\/v[0-9]+\\//Ui\"; classtype:policy-violation; reference:url,example.com/a; "
                + "metadata:created_at 2024_01_01, signature_severity Major; sid:9000001; rev:3;)");
        assertThat(r.action()).isEqualTo(Rule.Action.ALERT);
        assertThat(r.protocol()).isEqualTo("http");
        assertThat(r.source()).isEqualTo(new AddressExpr.Variable("HOME_NET"));
        assertThat(r.destination()).isEqualTo(new AddressExpr.Group(List.of(new AddressExpr.Not(new AddressExpr.Cidr("10.0.0.0/8")),
                new AddressExpr.Variable("EXTERNAL_NET"))));
        assertThat(r.destinationPort()).isEqualTo(new PortExpr.Group(List.of(new PortExpr.Range(80, 80),
                new PortExpr.Range(8000, 8100), new PortExpr.Not(new PortExpr.Range(8080, 8080)))));
        assertThat(r.msg()).isEqualTo("Vendor \"phone\" home; v2");
        assertThat(r.sid()).isEqualTo(9000001);
        assertThat(r.rev()).isEqualTo(3);
        assertThat(r.classtype()).contains("policy-violation");
        List<Content> contents = r.all(Content.class);
        assertThat(contents.get(0)).isEqualTo(new Content("updates.vendor", false, true, 30, null, null, null, false, true, null,
                null, false));
        assertThat(contents.get(1)).isEqualTo(new Content("x", true, false, null, null, -2, 4, false, false,
                new RuleOption.FastPattern(true, null, null), null, false));
        assertThat(r.options()).containsSubsequence(new RuleOption.Buffer("http.host"), contents.get(0));
        assertThat(r.first(RuleOption.Pcre.class)).contains(new RuleOption.Pcre("^GET \\/v[0-9]+\\/", "Ui", false));
        assertThat(r.first(RuleOption.Metadata.class).orElseThrow().entries())
                .containsExactly("created_at 2024_01_01", "signature_severity Major");
    }

    @Test
    void hexAndTextMixAndLegacyNamesMeanTheirCanonicalOnes() {
        Rule r = RuleParser.parseRule("alert dns any any -> any any (dns_query; content:\"|03|abc|00 01|\"; "
                + "sid:1;)");
        assertThat(r.options()).contains(new RuleOption.Buffer("dns.query"));
        assertThat(r.all(Content.class).getFirst().pattern()).containsExactly(3, 'a', 'b', 'c', 0, 1);
        Rule legacy = RuleParser.parseRule("alert http any any -> any any (uricontent:\"/a\"; content:\"b\"; http_uri; sid:2;)");
        assertThat(legacy.all(Content.class)).extracting(Content::buffer).containsExactly("http.uri", "http.uri");
    }

    @Test
    void errorsSayTheLineAndColumnOfTheFault() {
        RuleFile f = RuleParser.parse("local.rules", String.join("\n",
                "# a comment",
                "alert tcp any any -> any 80 (msg:\"ok\"; sid:1;)",
                "alert tcp any any -> any 99999 (sid:2;)",
                "alert tcp any any -> any any (content:\"|4g|\"; sid:3;)",
                "alert tcp any any -> any any (msg:\"a\"; \\",
                "   depth:3; sid:4;)",
                "alrt tcp any any -> any any (sid:5;)",
                "alert tcp any any -> any any (msg:\"no sid\";)",
                "alert tcp 10.0.0.300 any -> any any (sid:6;)",
                "alert tcp any any -> any any (msg:\"x\"; sid:7)",
                ""));
        assertThat(f.loaded()).extracting(LoadedRule::line).containsExactly(2);
        assertThat(f.errors()).extracting(RuleError::toString).containsExactly(
                "local.rules:3:26: port 99999 is above 65535",
                "local.rules:4:42: 'g' is not a hex digit",
                "local.rules:6:4: depth needs a content before it",
                "local.rules:7:1: unknown action 'alrt' (alert, pass, drop or reject)",
                "local.rules:8:1: the rule has no sid",
                "local.rules:9:11: '10.0.0.300' is not an address, a CIDR, a variable or any",
                "local.rules:10:40: option 'sid:7' is not ended by ';'");
    }

    @Test
    void aRuleAskingForWhatIsNotHonouredIsSkippedWithItsReason() {
        RuleFile f = RuleParser.parse("x.rules", String.join("\n",
                "alert tls any any -> any any (tls.certs; content:\"a\"; sid:1;)",
                "alert tcp any any -> any any (xbits:set,a,track ip_src; sid:2;)",
                "alert tcp any any -> any any (content:\"a\"; frobnicate; sid:3;)",
                "alert sip any any -> any any (sid:4;)",
                "alert tcp any any -> any any (pcre:\"/a/G\"; sid:5;)",
                "alert tcp any any -> any any (content:\"a\"; tag:session,10,packets; sid:6;)"));
        assertThat(f.errors()).isEmpty();
        assertThat(f.skipped()).extracting(SkippedRule::sid, SkippedRule::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, "buffer tls.certs is not extracted yet"),
                org.assertj.core.groups.Tuple.tuple(2L, "xbits (state shared across flows) is not supported"),
                org.assertj.core.groups.Tuple.tuple(3L, "keyword frobnicate is not supported"),
                org.assertj.core.groups.Tuple.tuple(4L, "protocol sip is not dissected"),
                org.assertj.core.groups.Tuple.tuple(5L, "pcre flag G is not supported"),
                org.assertj.core.groups.Tuple.tuple(6L, "tag (logging the packets after a match) is not supported"));
    }

    @Test
    void aSidUsedTwiceIsAnErrorTheSecondTime() {
        RuleFile a = RuleParser.parse("a.rules", "alert tcp any any -> any any (sid:7;)");
        RuleFile b = RuleParser.parse("b.rules", "\nalert udp any any -> any any (sid:7;)");
        RuleFile both = RuleFile.merge(List.of(a, b));
        assertThat(both.loaded()).hasSize(1);
        assertThat(both.errors()).extracting(RuleError::toString).containsExactly("b.rules:2:1: sid 7 is already used at a.rules:1");
    }

    @Test
    void numberTestsReadEveryForm() {
        assertThat(NumberTest.parse("10").test(10)).isTrue();
        assertThat(NumberTest.parse("!10").test(10)).isFalse();
        assertThat(NumberTest.parse("<10").test(9)).isTrue();
        assertThat(NumberTest.parse(">=10").test(10)).isTrue();
        assertThat(NumberTest.parse("3<>6").test(3)).isFalse();
        assertThat(NumberTest.parse("3<>6").test(4)).isTrue();
        assertThatThrownBy(() -> NumberTest.parse("6<>3")).hasMessageContaining("empty");
        assertThatThrownBy(() -> RuleParser.parseRule("alert tcp any any -> any any (dsize:>x; sid:1;)"))
                .isInstanceOf(RuleSyntaxException.class).hasMessageContaining("dsize: not a number");
    }

    @Test
    void variablesAndClasstypesAreCheckedWhenAContextIsGiven() throws Exception {
        RuleVariables vars = RuleVariables.defaultsWith("vars:\n  address-groups:\n    SCANNERS: \"[10.20.0.0/16]\"\n");
        RuleParser.Context context = new RuleParser.Context(vars, Classifications.bundled());
        RuleFile f = RuleParser.parse("site.rules", String.join("\n",
                "alert tcp $SCANNERS any -> $EXTERNAL_NET $HTTP_PORTS (classtype:trojan-activity; sid:1;)",
                "alert tcp $NOPE any -> any any (sid:2;)",
                "alert tcp any $HOME_NET -> any any (sid:3;)",
                "alert tcp any any -> any any (classtype:made-up; sid:4;)"), context);
        assertThat(f.loaded()).hasSize(1);
        assertThat(f.errors()).extracting(RuleError::toString).containsExactly(
                "site.rules:2:11: address variable $NOPE is not defined",
                "site.rules:3:15: $HOME_NET is an address variable, used as a port",
                "site.rules:4:41: classtype made-up is not in the classification file");
        assertThat(Classifications.bundled().get("trojan-activity").orElseThrow().priority()).isEqualTo(1);
    }
}
