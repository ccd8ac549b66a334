package io.telltale.signatures.rule;

import java.util.List;
import java.util.Optional;

/**
 * One rule as written: {@code action protocol source port direction destination port (options)}.
 * Options keep their order, as in Suricata: a sticky buffer applies to the contents after it, a
 * modifier to the content before it.
 */
public record Rule(Action action, String protocol, AddressExpr source, PortExpr sourcePort, Direction direction,
                   AddressExpr destination, PortExpr destinationPort, List<RuleOption> options) {

    public Rule {
        options = List.copyOf(options);
    }

    /** What the rule does when it matches. Telltale is passive: drop and reject alert, with a note. */
    public enum Action {
        ALERT, PASS, DROP, REJECT;

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code ->} one way, {@code <>} either way. */
    public enum Direction {
        TO("->"), BOTH("<>");

        private final String text;

        Direction(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public long sid() {
        return first(RuleOption.Sid.class).map(RuleOption.Sid::value).orElse(0L);
    }

    public int rev() {
        return first(RuleOption.Rev.class).map(RuleOption.Rev::value).orElse(0);
    }

    public int gid() {
        return first(RuleOption.Gid.class).map(RuleOption.Gid::value).orElse(1);
    }

    public String msg() {
        return first(RuleOption.Msg.class).map(RuleOption.Msg::text).orElse("");
    }

    public Optional<String> classtype() {
        return first(RuleOption.Classtype.class).map(RuleOption.Classtype::name);
    }

    /** The first option of a kind, if any. */
    public <T extends RuleOption> Optional<T> first(Class<T> kind) {
        for (RuleOption o : options) {
            if (kind.isInstance(o)) {
                return Optional.of(kind.cast(o));
            }
        }
        return Optional.empty();
    }

    /** Every option of a kind, in order. */
    public <T extends RuleOption> List<T> all(Class<T> kind) {
        return options.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
