package io.telltale.dashboard.output;

import io.telltale.analysis.event.X509Record;
import java.util.List;

/**
 * Zeek's x509.log: one row per certificate a server presented, keyed by its SHA-256 fingerprint
 * (ssl.log's {@code cert_chain_fps}), with the connection's uid and endpoints in front so a row
 * leads back to the device, and {@code self_signed} at the end, which Zeek leaves to its validator.
 */
final class X509Log {

    static final List<LogColumn<X509Record>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.text("fingerprint", X509Record::sha256),
            LogColumn.count("certificate.version", X509Record::version),
            LogColumn.text("certificate.serial", r -> r.serial().toUpperCase(java.util.Locale.ROOT)),
            LogColumn.text("certificate.subject", X509Record::subject),
            LogColumn.text("certificate.issuer", X509Record::issuer),
            LogColumn.seconds("certificate.not_valid_before", "time", r -> r.notBeforeMillis() / 1000.0),
            LogColumn.seconds("certificate.not_valid_after", "time", r -> r.notAfterMillis() / 1000.0),
            LogColumn.text("certificate.key_alg", X509Record::keyAlgorithm),
            LogColumn.text("certificate.sig_alg", X509Record::signatureAlgorithm),
            LogColumn.count("certificate.key_length", X509Record::keyLength),
            LogColumn.texts("san.dns", r -> r.sanDns().isEmpty() ? null : r.sanDns()),
            LogColumn.texts("san.uri", r -> r.sanUri().isEmpty() ? null : r.sanUri()),
            LogColumn.texts("san.email", r -> r.sanEmail().isEmpty() ? null : r.sanEmail()),
            LogColumn.texts("san.ip", r -> r.sanIp().isEmpty() ? null : r.sanIp()),
            new LogColumn<>("basic_constraints.ca", "bool", X509Record::ca),
            LogColumn.bool("host_cert", r -> r.chainIndex() == 0),
            LogColumn.bool("client_cert", r -> false),
            LogColumn.bool("self_signed", X509Record::selfSigned));

    private X509Log() {
    }
}
