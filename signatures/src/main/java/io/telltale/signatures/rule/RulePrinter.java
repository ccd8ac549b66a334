package io.telltale.signatures.rule;

import io.telltale.signatures.rule.RuleOption.Content;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A rule back to text, canonically: one line, each option once in the form the parser reads, so
 * {@code RuleParser.parseRule(print(r))} equals {@code r}. Content bytes outside printable ASCII,
 * and the characters the syntax reserves, are written as {@code |hex|}.
 */
public final class RulePrinter {

    /** Legacy modifier keyword per buffer, to print a content tied to its buffer the way it was written. */
    private static final Map<String, String> LEGACY_BY_BUFFER = new HashMap<>();

    static {
        Keywords.LEGACY_MODIFIERS.forEach((keyword, buffer) -> LEGACY_BY_BUFFER.put(buffer, keyword));
    }

    private RulePrinter() {
    }

    public static String print(Rule r) {
        StringBuilder b = new StringBuilder(256);
        b.append(r.action().keyword()).append(' ').append(r.protocol()).append(' ').append(address(r.source())).append(' ')
                .append(port(r.sourcePort())).append(' ').append(r.direction().text()).append(' ')
                .append(address(r.destination())).append(' ').append(port(r.destinationPort())).append(" (");
        for (RuleOption o : r.options()) {
            option(b, o);
            b.append(' ');
        }
        b.setLength(b.length() - 1);
        return b.append(')').toString();
    }

    static String address(AddressExpr a) {
        return switch (a) {
            case AddressExpr.Any any -> "any";
            case AddressExpr.Variable v -> "$" + v.name();
            case AddressExpr.Cidr c -> c.text();
            case AddressExpr.Group g -> g.members().stream().map(RulePrinter::address).collect(Collectors.joining(",", "[", "]"));
            case AddressExpr.Not n -> "!" + address(n.negated());
        };
    }

    static String port(PortExpr p) {
        return switch (p) {
            case PortExpr.Any any -> "any";
            case PortExpr.Variable v -> "$" + v.name();
            case PortExpr.Range r -> r.low() == r.high() ? String.valueOf(r.low()) : r.low() + ":" + r.high();
            case PortExpr.Group g -> g.members().stream().map(RulePrinter::port).collect(Collectors.joining(",", "[", "]"));
            case PortExpr.Not n -> "!" + port(n.negated());
        };
    }

    private static void option(StringBuilder b, RuleOption o) {
        switch (o) {
            case RuleOption.Msg m -> b.append("msg:\"").append(escape(m.text())).append("\";");
            case RuleOption.Sid s -> b.append("sid:").append(s.value()).append(';');
            case RuleOption.Rev r -> b.append("rev:").append(r.value()).append(';');
            case RuleOption.Gid g -> b.append("gid:").append(g.value()).append(';');
            case RuleOption.Priority p -> b.append("priority:").append(p.value()).append(';');
            case RuleOption.Classtype c -> b.append("classtype:").append(c.name()).append(';');
            case RuleOption.Reference r -> b.append("reference:").append(r.system()).append(',').append(r.id()).append(';');
            case RuleOption.Metadata m -> b.append("metadata:").append(String.join(", ", m.entries())).append(';');
            case RuleOption.Target t -> b.append("target:").append(t.side()).append(';');
            case Content c -> content(b, c);
            case RuleOption.Pcre p -> b.append("pcre:").append(p.negated() ? "!" : "").append("\"/").append(p.regex()).append('/')
                    .append(p.flags()).append("\";");
            case RuleOption.Flow f -> b.append("flow:").append(String.join(",", f.settings())).append(';');
            case RuleOption.Flowbits f -> b.append("flowbits:").append(f.command()).append(f.names() == null ? "" : "," + f.names())
                    .append(';');
            case RuleOption.Compare c -> b.append(c.keyword()).append(':').append(c.test().text()).append(';');
            case RuleOption.Threshold t -> b.append("threshold:type ").append(t.type()).append(", track ").append(t.track())
                    .append(", count ").append(t.count()).append(", seconds ").append(t.seconds()).append(';');
            case RuleOption.DetectionFilter d -> b.append("detection_filter:track ").append(d.track()).append(", count ")
                    .append(d.count()).append(", seconds ").append(d.seconds()).append(';');
            case RuleOption.Isdataat i -> b.append("isdataat:").append(i.negated() ? "!" : "").append(i.position())
                    .append(i.relative() ? ",relative" : "").append(';');
            case RuleOption.ByteTest t -> {
                b.append("byte_test:").append(t.bytes()).append(',').append(t.operator()).append(',').append(t.value()).append(',')
                        .append(t.offset());
                t.flags().forEach(f -> b.append(',').append(f));
                b.append(';');
            }
            case RuleOption.ByteJump j -> {
                b.append("byte_jump:").append(j.bytes()).append(',').append(j.offset());
                j.flags().forEach(f -> b.append(',').append(f));
                b.append(';');
            }
            case RuleOption.Buffer s -> b.append(s.name()).append(';');
            case RuleOption.Transform t -> b.append(t.name()).append(';');
            case RuleOption.Noalert n -> b.append("noalert;");
        }
    }

    private static void content(StringBuilder b, Content c) {
        b.append("content:").append(c.negated() ? "!" : "").append('"');
        boolean hex = false;
        for (int i = 0; i < c.bytes().length(); i++) {
            char ch = c.bytes().charAt(i);
            boolean plain = ch >= 0x20 && ch < 0x7f && ch != '"' && ch != ';' && ch != '\\' && ch != '|';
            if (plain == hex) {
                b.append('|');
                hex = !hex;
            } else if (hex) {
                b.append(' ');
            }
            if (plain) {
                b.append(ch);
            } else {
                b.append(Character.forDigit(ch >> 4, 16)).append(Character.forDigit(ch & 0xf, 16));
            }
        }
        if (hex) {
            b.append('|');
        }
        b.append("\";");
        if (c.nocase()) {
            b.append(" nocase;");
        }
        if (c.rawbytes()) {
            b.append(" rawbytes;");
        }
        if (c.depth() != null) {
            b.append(" depth:").append(c.depth()).append(';');
        }
        if (c.offset() != null) {
            b.append(" offset:").append(c.offset()).append(';');
        }
        if (c.distance() != null) {
            b.append(" distance:").append(c.distance()).append(';');
        }
        if (c.within() != null) {
            b.append(" within:").append(c.within()).append(';');
        }
        if (c.startsWith()) {
            b.append(" startswith;");
        }
        if (c.endsWith()) {
            b.append(" endswith;");
        }
        if (c.fastPattern() != null) {
            RuleOption.FastPattern f = c.fastPattern();
            b.append(" fast_pattern").append(f.only() ? ":only" : f.chopOffset() != null ? ":" + f.chopOffset() + "," + f.chopLength()
                    : "").append(';');
        }
        if (c.buffer() != null) {
            b.append(' ').append(LEGACY_BY_BUFFER.get(c.buffer())).append(';');
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace(";", "\\;");
    }
}
