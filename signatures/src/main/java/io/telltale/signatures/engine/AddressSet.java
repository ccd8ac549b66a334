package io.telltale.signatures.engine;

import com.google.common.net.InetAddresses;
import io.telltale.signatures.rule.AddressExpr;
import io.telltale.signatures.rule.RuleParser;
import io.telltale.signatures.rule.RuleVariables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An address field resolved: variables replaced by their values (a cycle is an error), lists and
 * negations kept as Suricata reads them — a list is its positive members minus its negated ones, a
 * list of negations alone is everything but them.
 */
abstract sealed class AddressSet {

    /** Whether {@code address} (4 or 16 bytes) belongs. */
    abstract boolean contains(byte[] address);

    static AddressSet compile(AddressExpr e, RuleVariables vars) {
        return compile(e, vars, new HashSet<>());
    }

    private static AddressSet compile(AddressExpr e, RuleVariables vars, Set<String> resolving) {
        return switch (e) {
            case AddressExpr.Any any -> Everything.INSTANCE;
            case AddressExpr.Cidr c -> Cidr.of(c.text());
            case AddressExpr.Not n -> new Not(compile(n.negated(), vars, resolving));
            case AddressExpr.Variable v -> {
                String value = vars.addresses().get(v.name());
                if (value == null) {
                    throw new IllegalArgumentException("address variable $" + v.name() + " is not defined");
                }
                if (!resolving.add(v.name())) {
                    throw new IllegalArgumentException("address variable $" + v.name() + " refers to itself");
                }
                AddressSet resolved = compile(RuleParser.parseAddress(value), vars, resolving);
                resolving.remove(v.name());
                yield resolved;
            }
            case AddressExpr.Group g -> {
                List<AddressSet> in = new ArrayList<>();
                List<AddressSet> out = new ArrayList<>();
                for (AddressExpr m : g.members()) {
                    if (m instanceof AddressExpr.Not n) {
                        out.add(compile(n.negated(), vars, resolving));
                    } else {
                        in.add(compile(m, vars, resolving));
                    }
                }
                yield new Group(in.isEmpty() ? List.of(Everything.INSTANCE) : in, out);
            }
        };
    }

    static final class Everything extends AddressSet {
        static final Everything INSTANCE = new Everything();

        @Override
        boolean contains(byte[] address) {
            return true;
        }
    }

    static final class Cidr extends AddressSet {
        private final byte[] network;
        private final int bits;

        private Cidr(byte[] network, int bits) {
            this.network = network;
            this.bits = bits;
        }

        static Cidr of(String text) {
            int slash = text.indexOf('/');
            byte[] a = InetAddresses.forString(slash < 0 ? text : text.substring(0, slash)).getAddress();
            return new Cidr(a, slash < 0 ? a.length * 8 : Integer.parseInt(text.substring(slash + 1)));
        }

        @Override
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    static final class Not extends AddressSet {
        private final AddressSet negated;

        Not(AddressSet negated) {
            this.negated = negated;
        }

        @Override
        boolean contains(byte[] address) {
            return !negated.contains(address);
        }
    }

    static final class Group extends AddressSet {
        private final List<AddressSet> in;
        private final List<AddressSet> out;

        Group(List<AddressSet> in, List<AddressSet> out) {
            this.in = List.copyOf(in);
            this.out = List.copyOf(out);
        }

        @Override
        boolean contains(byte[] address) {
            for (AddressSet o : out) {
                if (o.contains(address)) {
                    return false;
                }
            }
            for (AddressSet i : in) {
                if (i.contains(address)) {
                    return true;
                }
            }
            return false;
        }
    }
}
