package io.telltale.signatures.rule;

/** A rule that cannot be read: where (1-based line and column in its file) and why. */
public record RuleError(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
