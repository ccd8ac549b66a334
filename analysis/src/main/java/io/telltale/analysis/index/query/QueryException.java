package io.telltale.analysis.index.query;

/** A query that cannot be read: what is wrong and where (0-based offset into the query text). */
public final class QueryException extends Exception {

    private final int position;
    private final String query;

    public QueryException(String query, int position, String message) {
        super(message);
        this.query = query;
        this.position = position;
    }

    public int position() {
        return position;
    }

    /** The message with its column (1-based), the query, and a caret under the place. */
    public String explain() {
        return "column " + (position + 1) + ": " + getMessage() + "\n  " + query + "\n  " + " ".repeat(Math.max(0, position)) + "^";
    }
}
