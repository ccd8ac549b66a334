package io.telltale.analysis.event;

/**
 * The clear-text start of a QUIC connection, as Zeek's quic.log shows it. Connection ids are hex.
 *
 * @param version the version number (1 or 0x6b3343cf for v2)
 * @param clientProtocol the first ALPN protocol the client offered
 * @param history Zeek's packet history letters (I, H, Z, R, U, S, O; lower case from the server)
 */
public record QuicRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        long version,
        String clientInitialDcid,
        String clientScid,
        String serverScid,
        String serverName,
        String clientProtocol,
        String history) implements ProtocolRecord {
}
