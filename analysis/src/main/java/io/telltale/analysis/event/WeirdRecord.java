package io.telltale.analysis.event;

/**
 * Something in a flow that did not fit its protocol, as Zeek's weird.log reports it: which flow,
 * what ({@code name}), more detail ({@code addl}) and which analyzer saw it ({@code source}).
 */
public record WeirdRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        String name,
        String addl,
        String source) implements ProtocolRecord {
}
