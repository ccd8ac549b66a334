package io.telltale.analysis.event;

/**
 * A packet-path signature matched on a worker: which rule ({@code gid:sid}), on which flow, and an
 * excerpt of the payload (printable ASCII, other bytes as {@code \xNN}). The detection thread turns
 * it into an alert, with the rule's thresholds; nothing writes it to a log of its own.
 */
public record RuleMatchRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        int gid,
        long sid,
        boolean fromOriginator,
        String excerpt) implements ProtocolRecord {
}
