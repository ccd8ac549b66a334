package io.telltale.signatures.rule;

/** A well-formed rule asking for something Telltale does not honour; the message is the reason. */
public final class UnsupportedRuleException extends IllegalArgumentException {

    private final long sid;

    public UnsupportedRuleException(long sid, String reason) {
        super(reason);
        this.sid = sid;
    }

    public long sid() {
        return sid;
    }
}
