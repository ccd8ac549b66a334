package io.telltale.analysis.event;

/**
 * Something that did not fit its protocol, as Zeek's weird.log reports it: which flow (flow id 0,
 * null hosts and -1 ports for a packet that belongs to none, such as a truncated header), what
 * ({@code name}), more detail ({@code addl}) and what saw it ({@code source}: a dissector, or
 * {@code decode}).
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
