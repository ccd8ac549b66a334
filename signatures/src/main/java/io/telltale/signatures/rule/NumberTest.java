package io.telltale.signatures.rule;

/**
 * A number compared as {@code dsize}, {@code ttl}, {@code itype}, {@code bsize} and {@code urilen}
 * compare: {@code 5}, {@code !5}, {@code <5}, {@code >5}, {@code <=5}, {@code >=5}, {@code 2<>9}
 * (strictly between). {@code high} is used by {@link Op#BETWEEN} only.
 */
public record NumberTest(Op op, long low, long high) {

    /** How the value is compared. */
    public enum Op {
        EQ(""), NE("!"), LT("<"), GT(">"), LE("<="), GE(">="), BETWEEN("<>");

        private final String text;

        Op(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public NumberTest {
        if (op != Op.BETWEEN) {
            high = low;
        } else if (high <= low) {
            throw new IllegalArgumentException(low + "<>" + high + " is empty: the upper bound must be above the lower");
        }
    }

    public boolean test(long value) {
        return switch (op) {
            case EQ -> value == low;
            case NE -> value != low;
            case LT -> value < low;
            case GT -> value > low;
            case LE -> value <= low;
            case GE -> value >= low;
            case BETWEEN -> value > low && value < high;
        };
    }

    /** As a rule writes it. */
    public String text() {
        return op == Op.BETWEEN ? low + "<>" + high : op.text() + low;
    }

    /** Parses {@code text}; an {@link IllegalArgumentException} says what is wrong. */
    public static NumberTest parse(String text) {
        String t = text.strip();
        int between = t.indexOf("<>");
        if (between > 0) {
            return new NumberTest(Op.BETWEEN, number(t.substring(0, between)), number(t.substring(between + 2)));
        }
        for (Op op : new Op[] {Op.LE, Op.GE, Op.NE, Op.LT, Op.GT}) {
            if (t.startsWith(op.text())) {
                return new NumberTest(op, number(t.substring(op.text().length())), 0);
            }
        }
        if (t.startsWith("=")) {
            t = t.substring(1);
        }
        return new NumberTest(Op.EQ, number(t), 0);
    }

    private static long number(String s) {
        String t = s.strip();
        if (t.isEmpty() || !t.chars().allMatch(Character::isDigit) || t.length() > 18) {
            throw new IllegalArgumentException("not a number: '" + s.strip() + "'");
        }
        return Long.parseLong(t);
    }
}
