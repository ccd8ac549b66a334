package io.telltale.signatures.rule;

import java.util.List;

/** A port field of a rule header: {@code any}, a variable, a port or range, a list, a negation. */
public sealed interface PortExpr {

    /** {@code any}. */
    record Any() implements PortExpr {
    }

    /** {@code $HTTP_PORTS}: the name without the dollar. */
    record Variable(String name) implements PortExpr {
    }

    /** {@code 80} (low = high), {@code 1024:} (high 65535), {@code :1023} (low 0), {@code 1000:2000}. */
    record Range(int low, int high) implements PortExpr {
        public Range {
            if (low < 0 || high > 65535 || low > high) {
                throw new IllegalArgumentException("port range " + low + ":" + high + " is not within 0:65535");
            }
        }
    }

    /** {@code [a,b,...]}. */
    record Group(List<PortExpr> members) implements PortExpr {
        public Group {
            members = List.copyOf(members);
        }
    }

    /** {@code !x}. */
    record Not(PortExpr negated) implements PortExpr {
    }
}
