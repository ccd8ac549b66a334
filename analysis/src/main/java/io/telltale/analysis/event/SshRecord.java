package io.telltale.analysis.event;

/**
 * What the unencrypted start of an SSH connection says: banners, the algorithms each side offers and
 * those negotiated, and the HASSH fingerprints (MD5 of the client's or server's key-exchange, cipher,
 * MAC and compression lists). Null means not seen.
 *
 * @param version 2 for SSH-2.0 and SSH-1.99 peers, 1 for SSH-1 only, 0 when unknown
 * @param hasshAlgorithms the client's {@code kex;cipher;mac;compression} lists that HASSH hashes
 */
public record SshRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        int version,
        String client,
        String server,
        String cipherAlgorithm,
        String macAlgorithm,
        String compressionAlgorithm,
        String kexAlgorithm,
        String hostKeyAlgorithm,
        String hassh,
        String hasshAlgorithms,
        String hasshServer,
        String hasshServerAlgorithms) implements ProtocolRecord {
}
