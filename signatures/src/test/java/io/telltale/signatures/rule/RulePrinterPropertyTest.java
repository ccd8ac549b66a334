package io.telltale.signatures.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the rule, printing it and parsing the print gives the rule again. */
class RulePrinterPropertyTest {

    @Property(tries = 2000)
    void printedRulesParseToThemselves(@ForAll("rules") Rule rule) {
        assertThat(RuleParser.parseRule(RulePrinter.print(rule))).isEqualTo(rule);
    }

    @Provide
    Arbitrary<Rule> rules() {
        Arbitrary<List<RuleOption>> options = option().list().ofMinSize(0).ofMaxSize(8).map(list -> {
            List<RuleOption> all = new ArrayList<>(list);
            all.add(new RuleOption.Sid(1 + Math.abs(list.hashCode() % 1_000_000)));
            return all;
        });
        return Combinators.combine(Arbitraries.of(Rule.Action.values()), Arbitraries.of("tcp", "udp", "dns", "http", "tls", "ip"),
                address(), port(), Arbitraries.of(Rule.Direction.values()), address(), port(), options)
                .as(Rule::new);
    }

    private Arbitrary<AddressExpr> address() {
        Arbitrary<AddressExpr> leaf = Arbitraries.oneOf(Arbitraries.just(new AddressExpr.Any()),
                Arbitraries.of("HOME_NET", "EXTERNAL_NET", "DNS_SERVERS").map(AddressExpr.Variable::new),
                Arbitraries.of("10.0.0.0/8", "192.0.2.1", "2001:db8::/32", "::1").map(AddressExpr.Cidr::new));
        return Arbitraries.oneOf(leaf, leaf.map(AddressExpr.Not::new),
                leaf.list().ofMinSize(1).ofMaxSize(3).map(AddressExpr.Group::new));
    }

    private Arbitrary<PortExpr> port() {
        Arbitrary<PortExpr> range = Combinators.combine(Arbitraries.integers().between(0, 65535),
                Arbitraries.integers().between(0, 100)).as((low, extra) -> new PortExpr.Range(low, Math.min(65535, low + extra)));
        Arbitrary<PortExpr> leaf = Arbitraries.oneOf(Arbitraries.just(new PortExpr.Any()),
                Arbitraries.of("HTTP_PORTS", "SSH_PORTS").map(PortExpr.Variable::new), range);
        return Arbitraries.oneOf(leaf, leaf.map(PortExpr.Not::new), leaf.list().ofMinSize(1).ofMaxSize(3).map(PortExpr.Group::new));
    }

    private Arbitrary<RuleOption> option() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> bytes = Arbitraries.strings().withCharRange('\0', '\u00ff').ofMinLength(1).ofMaxLength(20);
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 5000);
        Arbitrary<Integer> signed = Arbitraries.integers().between(-500, 5000);
        Arbitrary<RuleOption.FastPattern> fast = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.just(new RuleOption.FastPattern(false, null, null)), Arbitraries.just(new RuleOption.FastPattern(true, null,
                        null)), Combinators.combine(small, small).as((o, l) -> new RuleOption.FastPattern(false, o, l)));
        Arbitrary<Integer[]> positions = Combinators.combine(small.injectNull(0.6), small.injectNull(0.7), signed.injectNull(0.7),
                signed.injectNull(0.7)).as((depth, offset, distance, within) -> new Integer[] {depth, offset, distance, within});
        Arbitrary<RuleOption> content = Combinators.combine(bytes, Arbitraries.of(true, false), Arbitraries.of(true, false),
                positions, Arbitraries.of(true, false), fast, Arbitraries.of("http.uri", "http.host", "http.method").injectNull(0.7))
                .as((b, negated, nocase, p, ends, f, buffer) -> new RuleOption.Content(b, negated, nocase, p[0], p[1], p[2], p[3],
                        false, ends, f, buffer, false));
        Arbitrary<NumberTest> number = Combinators.combine(Arbitraries.of(NumberTest.Op.values()), Arbitraries.longs()
                .between(0, 100_000), Arbitraries.longs().between(1, 1000)).as((op, low, extra) -> new NumberTest(op, low, low + extra));
        return Arbitraries.oneOf(
                text.map(RuleOption.Msg::new),
                Arbitraries.integers().between(0, 99).map(RuleOption.Rev::new),
                Arbitraries.of("trojan-activity", "policy-violation").map(RuleOption.Classtype::new),
                Combinators.combine(Arbitraries.of("url", "cve"), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12))
                        .as(RuleOption.Reference::new),
                content,
                Combinators.combine(Arbitraries.of("^a[0-9]+b", "\\x2f\\d{2,}", "(?P<n>ab)c"), Arbitraries.of("", "i", "smi", "Ui"),
                        Arbitraries.of(true, false)).as(RuleOption.Pcre::new),
                Arbitraries.of("established", "to_server", "to_client", "stateless").list().ofMinSize(1).ofMaxSize(2)
                        .map(RuleOption.Flow::new),
                Combinators.combine(Arbitraries.of("set", "isset", "unset"), Arbitraries.of("a.b", "ET.http", "x|y"))
                        .as(RuleOption.Flowbits::new),
                Combinators.combine(Arbitraries.of("dsize", "ttl", "bsize", "urilen"), number).as(RuleOption.Compare::new),
                Combinators.combine(Arbitraries.of("limit", "threshold", "both"), Arbitraries.of("by_src", "by_dst"),
                        small, small).as(RuleOption.Threshold::new),
                Combinators.combine(small, Arbitraries.of(true, false), Arbitraries.of(true, false)).as(RuleOption.Isdataat::new),
                Arbitraries.of("dns.query", "tls.sni", "http.uri", "pkt_data").map(RuleOption.Buffer::new),
                Arbitraries.of("dotprefix", "to_lowercase").map(RuleOption.Transform::new),
                Arbitraries.just(new RuleOption.Noalert()));
    }
}
