package io.telltale.analysis.index.query;

/**
 * A value as typed after a field: one word or quoted text, or a range with its ends ({@code *} for open).
 *
 * @param start offset of the value in the query, for errors
 * @param quoted true for {@code "…"}: taken as is, no wildcards
 */
record Value(int start, String text, boolean quoted, String lower, boolean lowerInclusive, String upper,
        boolean upperInclusive) {

    static Value range(int start, String lower, boolean lowerInclusive, String upper, boolean upperInclusive) {
        return new Value(start, null, false, lower, lowerInclusive, upper, upperInclusive);
    }

    boolean isRange() {
        return text == null;
    }

    boolean wildcard() {
        return !quoted && text != null && (text.indexOf('*') >= 0 || text.indexOf('?') >= 0);
    }
}
