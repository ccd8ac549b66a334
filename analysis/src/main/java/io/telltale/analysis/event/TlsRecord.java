package io.telltale.analysis.event;

import java.util.List;

/**
 * The clear-text start of a TLS connection: what the client offered, what the server chose, and the
 * fingerprints. Null or -1 means not seen.
 *
 * @param version the negotiated version (0x0304 for TLS 1.3, from supported_versions), or -1
 * @param cipher the suite the server chose, or -1
 * @param curve the key-exchange group: the server's key share (TLS 1.3) or its ServerKeyExchange's named
 *     curve (ECDHE up to 1.2), or -1
 * @param serverName the SNI host name the client asked for
 * @param alpnOffered the client's ALPN protocols, in order
 * @param nextProtocol the ALPN protocol the server chose
 * @param certificateChainSha256 SHA-256 of each certificate the server sent (TLS 1.2 and earlier), leaf first:
 *     Zeek's {@code cert_chain_fps}
 * @param sniMatchesCertificate whether the leaf certificate covers the SNI name; null when either is missing
 * @param application the tool the handshake gives away ({@code anydesk} by its certificate, {@code tor} by
 *     its made-up server name), or null
 */
public record TlsRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        int version,
        int cipher,
        int curve,
        String serverName,
        List<String> alpnOffered,
        String nextProtocol,
        String ja3,
        String ja3s,
        String ja4,
        List<String> certificateChainSha256,
        Boolean sniMatchesCertificate,
        String application) implements ProtocolRecord {

    public TlsRecord {
        alpnOffered = List.copyOf(alpnOffered);
        certificateChainSha256 = List.copyOf(certificateChainSha256);
    }
}
