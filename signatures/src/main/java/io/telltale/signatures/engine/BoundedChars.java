package io.telltale.signatures.engine;

/**
 * A buffer as ISO-8859-1 text for a regex, which gives up after a number of character reads:
 * Java's regex has no backtracking limit of its own, PCRE's {@code match_limit} is what Suricata
 * relies on, and this is its counterpart.
 */
final class BoundedChars implements CharSequence {

    /** Thrown when the budget is spent; without a stack trace, it costs little. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("regex budget spent", null, false, false);
        }
    }

    private final byte[] bytes;
    private final int from;
    private final int to;
    private final int[] budget;

    BoundedChars(byte[] bytes, int budget) {
        this(bytes, 0, bytes.length, new int[] {budget});
    }

    private BoundedChars(byte[] bytes, int from, int to, int[] budget) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
        this.budget = budget;
    }

    @Override
    public int length() {
        return to - from;
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw new Exhausted();
        }
        return (char) (bytes[from + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedChars(bytes, from + start, from + end, budget);
    }

    @Override
    public String toString() {
        return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
