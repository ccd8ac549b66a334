package io.telltale.analysis.event;

/**
 * What an ICMP flow carried, written when it ends: the message type and code, echo identifier and
 * sequence range, and how many echo replies did not carry back their request's data. A ping's reply
 * echoes the request byte for byte (RFC 792, RFC 4443 §4.2); an ICMP tunnel (ptunnel, icmpsh, hans)
 * answers with other data. Sizes and entropy per direction are in the flow record's payload statistics.
 *
 * @param echoIdentifier the echo identifier, or -1 when the flow is not an echo exchange
 * @param mismatchedReplies echo replies whose data differs from their request's (checked over the last 64)
 */
public record IcmpRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        boolean v6,
        int type,
        int code,
        int echoIdentifier,
        int firstSequence,
        int lastSequence,
        long requests,
        long replies,
        long matchedReplies,
        long mismatchedReplies,
        long textMessages) implements ProtocolRecord {
}
