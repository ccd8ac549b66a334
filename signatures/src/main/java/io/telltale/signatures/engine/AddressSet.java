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
        final byte[] network;
        final int bits;

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

    /**
     * A list: its plain networks in a {@link CidrTable} (the IP lists of blocklist rules run to
     * hundreds of addresses, and every flow is checked against them), the rest tried in turn.
     */
    static final class Group extends AddressSet {
        private final CidrTable inTable;
        private final List<AddressSet> in;
        private final CidrTable outTable;
        private final List<AddressSet> out;

        Group(List<AddressSet> in, List<AddressSet> out) {
            this.inTable = CidrTable.of(in);
            this.in = in.stream().filter(a -> !(a instanceof Cidr)).toList();
            this.outTable = CidrTable.of(out);
            this.out = out.stream().filter(a -> !(a instanceof Cidr)).toList();
        }

        @Override
        boolean contains(byte[] address) {
            if (outTable.contains(address)) {
                return false;
            }
            for (AddressSet o : out) {
                if (o.contains(address)) {
                    return false;
                }
            }
            if (inTable.contains(address)) {
                return true;
            }
            for (AddressSet i : in) {
                if (i.contains(address)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Networks as sorted, merged ranges per family, searched by halves. */
    static final class CidrTable {
        private final long[] v4Low;
        private final long[] v4High;
        private final long[][] v6Low; // {high, low} word pairs
        private final long[][] v6High;

        private CidrTable(long[] v4Low, long[] v4High, long[][] v6Low, long[][] v6High) {
            this.v4Low = v4Low;
            this.v4High = v4High;
            this.v6Low = v6Low;
            this.v6High = v6High;
        }

        static CidrTable of(List<AddressSet> members) {
            List<long[]> v4 = new java.util.ArrayList<>();
            List<long[][]> v6 = new java.util.ArrayList<>();
            for (AddressSet m : members) {
                if (m instanceof Cidr c) {
                    if (c.network.length == 4) {
                        long start = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(c.network).getInt()) & mask4(c.bits);
                        v4.add(new long[] {start, start | (~mask4(c.bits) & 0xffffffffL)});
                    } else {
                        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(c.network);
                        long hi = b.getLong();
                        long lo = b.getLong();
                        long hiMask = c.bits >= 64 ? -1L : c.bits == 0 ? 0 : -1L << (64 - c.bits);
                        long loMask = c.bits <= 64 ? 0 : c.bits == 128 ? -1L : -1L << (128 - c.bits);
                        v6.add(new long[][] {{hi & hiMask, lo & loMask}, {hi | ~hiMask, lo | ~loMask}});
                    }
                }
            }
            v4.sort((x, y) -> Long.compare(x[0], y[0]));
            List<long[]> merged = new java.util.ArrayList<>();
            for (long[] r : v4) {
                if (!merged.isEmpty() && r[0] <= merged.getLast()[1] + 1) {
                    merged.getLast()[1] = Math.max(merged.getLast()[1], r[1]);
                } else {
                    merged.add(r.clone());
                }
            }
            v6.sort((x, y) -> compare(x[0], y[0]));
            List<long[][]> merged6 = new java.util.ArrayList<>();
            for (long[][] r : v6) {
                if (!merged6.isEmpty() && compare(r[0], merged6.getLast()[1]) <= 0) {
                    if (compare(r[1], merged6.getLast()[1]) > 0) {
                        merged6.getLast()[1] = r[1];
                    }
                } else {
                    merged6.add(new long[][] {r[0], r[1]});
                }
            }
            return new CidrTable(merged.stream().mapToLong(r -> r[0]).toArray(), merged.stream().mapToLong(r -> r[1]).toArray(),
                    merged6.stream().map(r -> r[0]).toArray(long[][]::new), merged6.stream().map(r -> r[1]).toArray(long[][]::new));
        }

        private static long mask4(int bits) {
            return bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        }

        private static int compare(long[] a, long[] b) {
            int c = Long.compareUnsigned(a[0], b[0]);
            return c != 0 ? c : Long.compareUnsigned(a[1], b[1]);
        }

        boolean contains(byte[] address) {
            if (address.length == 4) {
                if (v4Low.length == 0) {
                    return false;
                }
                long a = Integer.toUnsignedLong((address[0] & 0xff) << 24 | (address[1] & 0xff) << 16 | (address[2] & 0xff) << 8
                        | (address[3] & 0xff));
                int i = java.util.Arrays.binarySearch(v4Low, a);
                int at = i >= 0 ? i : -i - 2; // the last range starting at or before a
                return at >= 0 && a <= v4High[at];
            }
            if (v6Low.length == 0) {
                return false;
            }
            long hi = 0;
            long lo = 0;
            for (int k = 0; k < 8; k++) {
                hi = hi << 8 | (address[k] & 0xff);
                lo = lo << 8 | (address[8 + k] & 0xff);
            }
            long[] a = {hi, lo};
            int low = 0;
            int high = v6Low.length - 1;
            int at = -1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (compare(v6Low[mid], a) <= 0) {
                    at = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return at >= 0 && compare(a, v6High[at]) <= 0;
        }
    }
}
