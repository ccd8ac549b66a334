package io.telltale.signatures.engine;

import io.telltale.signatures.rule.PortExpr;
import io.telltale.signatures.rule.RuleParser;
import io.telltale.signatures.rule.RuleVariables;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/** A port field resolved to the set of ports it means (variables replaced, lists and negations applied). */
final class PortSet {

    private final BitSet ports;
    private final boolean any;

    private PortSet(BitSet ports, boolean any) {
        this.ports = ports;
        this.any = any;
    }

    boolean contains(int port) {
        return any || (port >= 0 && ports.get(port));
    }

    static PortSet compile(PortExpr e, RuleVariables vars) {
        if (e instanceof PortExpr.Any) {
            return new PortSet(null, true);
        }
        return new PortSet(bits(e, vars, new HashSet<>()), false);
    }

    private static BitSet bits(PortExpr e, RuleVariables vars, Set<String> resolving) {
        BitSet b = new BitSet(65536);
        switch (e) {
            case PortExpr.Any any -> b.set(0, 65536);
            case PortExpr.Range r -> b.set(r.low(), r.high() + 1);
            case PortExpr.Not n -> {
                b.set(0, 65536);
                b.andNot(bits(n.negated(), vars, resolving));
            }
            case PortExpr.Variable v -> {
                String value = vars.ports().get(v.name());
                if (value == null) {
                    throw new IllegalArgumentException("port variable $" + v.name() + " is not defined");
                }
                if (!resolving.add(v.name())) {
                    throw new IllegalArgumentException("port variable $" + v.name() + " refers to itself");
                }
                b.or(bits(RuleParser.parsePort(value), vars, resolving));
                resolving.remove(v.name());
            }
            case PortExpr.Group g -> {
                boolean positive = false;
                BitSet minus = new BitSet(65536);
                for (PortExpr m : g.members()) {
                    if (m instanceof PortExpr.Not n) {
                        minus.or(bits(n.negated(), vars, resolving));
                    } else {
                        positive = true;
                        b.or(bits(m, vars, resolving));
                    }
                }
                if (!positive) {
                    b.set(0, 65536);
                }
                b.andNot(minus);
            }
        }
        return b;
    }
}
