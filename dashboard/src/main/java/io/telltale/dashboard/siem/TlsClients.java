package io.telltale.dashboard.siem;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.FingerprintTrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * The TLS client side of RFC 5425 (updated by RFC 9662): TLS 1.3 preferred, 1.2 the least; the
 * server verified against the configured trust anchors and its name (or, instead, a pinned SHA-256
 * fingerprint of its certificate); our certificate presented when one is configured, since mutual
 * authentication is what receivers should demand.
 */
final class TlsClients {

    private TlsClients() {
    }

    static SslContext context(SyslogDestination d) {
        SyslogDestination.TlsSettings t = d.tls();
        try {
            SslContextBuilder b = SslContextBuilder.forClient().protocols("TLSv1.3", "TLSv1.2");
            if (t.fingerprint() != null) {
                String hex = t.fingerprint().toLowerCase(Locale.ROOT).replaceFirst("^sha-?256:", "").replace(":", "");
                if (!hex.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException(d.name() + ": fingerprint must be a SHA-256 (64 hex digits, "
                            + "colons allowed, 'sha-256:' in front allowed): " + t.fingerprint());
                }
                b.trustManager(FingerprintTrustManagerFactory.builder("SHA-256").fingerprints(hex).build());
                b.endpointIdentificationAlgorithm(null); // the pin is the identity check (RFC 5425 §4.2.2)
            } else {
                if (t.trustedCertificates() != null) {
                    b.trustManager(t.trustedCertificates().toFile());
                }
                b.endpointIdentificationAlgorithm("HTTPS");
            }
            if (t.certificate() != null || t.key() != null) {
                if (t.certificate() == null || t.key() == null) {
                    throw new IllegalArgumentException(d.name() + ": a client certificate needs both 'certificate' and 'key'");
                }
                b.keyManager(t.certificate().toFile(), t.key().toFile());
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException(d.name() + ": cannot set up TLS: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(d.name() + ": cannot read TLS material: " + io.getMessage(), io);
            }
            throw e;
        }
    }
}
