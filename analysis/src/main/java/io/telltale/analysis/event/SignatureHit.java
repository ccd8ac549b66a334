package io.telltale.analysis.event;

/**
 * What a signature alert adds: the rule that matched ({@code gid:sid:rev}, its msg and classtype)
 * and the buffer it matched in, with the buffer's value (truncated, as read from the wire: escape it
 * wherever it is shown). Null fields are unknown.
 */
public record SignatureHit(int gid, long sid, int rev, String msg, String classtype, String buffer, String value) {

    /** The value kept at most this long: evidence, not a copy of the traffic. */
    public static final int MAX_VALUE = 256;

    public SignatureHit {
        if (value != null && value.length() > MAX_VALUE) {
            value = value.substring(0, MAX_VALUE);
        }
    }
}
