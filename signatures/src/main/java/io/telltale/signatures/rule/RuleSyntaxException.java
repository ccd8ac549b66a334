package io.telltale.signatures.rule;

/** A rule text that is not a rule; {@link #column()} is 1-based. */
public final class RuleSyntaxException extends IllegalArgumentException {

    private final int column;

    public RuleSyntaxException(int column, String message) {
        super(message);
        this.column = column;
    }

    public int column() {
        return column;
    }

    @Override
    public String getMessage() {
        return "column " + column + ": " + super.getMessage();
    }
}
