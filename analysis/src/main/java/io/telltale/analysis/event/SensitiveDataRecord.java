package io.telltale.analysis.event;

/**
 * Sensitive data seen in clear in one direction of a flow: what kind, where (byte offset in that
 * direction's stream, or in the decoded stream when {@code encoding} is not {@code plain}), how it
 * was wrapped, and a hash of the matched bytes so two sightings can be compared without keeping the
 * personal data itself.
 *
 * @param fromOriginator sent by the flow's originator
 * @param kind {@code mrz}, {@code fingerprint-template}, ... ({@link io.telltale.analysis.content.SensitiveKind})
 * @param encoding {@code plain}, {@code gzip} or {@code base64+gzip}
 * @param matchSha256 the first 16 hex digits of the SHA-256 of the matched bytes
 */
public record SensitiveDataRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        boolean fromOriginator,
        String kind,
        String description,
        long offset,
        String encoding,
        String matchSha256) implements ProtocolRecord {
}
