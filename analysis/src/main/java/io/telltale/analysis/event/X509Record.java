package io.telltale.analysis.event;

import java.util.List;

/**
 * One certificate a TLS server (1.2 and earlier, where the chain crosses in clear) presented, as
 * Zeek's x509.log shows it. Names are RFC 2253 strings ({@code CN=...,O=...}); times are epoch
 * milliseconds.
 *
 * @param chainIndex 0 for the server's own certificate, then up the chain
 * @param ca the basic constraints CA flag, or null when the extension is absent
 * @param selfSigned issuer equals subject and the signature verifies with the certificate's own key
 */
public record X509Record(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        int chainIndex,
        String sha256,
        String sha1,
        int version,
        String serial,
        String subject,
        String issuer,
        long notBeforeMillis,
        long notAfterMillis,
        String keyAlgorithm,
        String signatureAlgorithm,
        int keyLength,
        List<String> sanDns,
        List<String> sanIp,
        List<String> sanEmail,
        List<String> sanUri,
        Boolean ca,
        boolean selfSigned) implements ProtocolRecord {

    public X509Record {
        sanDns = List.copyOf(sanDns);
        sanIp = List.copyOf(sanIp);
        sanEmail = List.copyOf(sanEmail);
        sanUri = List.copyOf(sanUri);
    }
}
