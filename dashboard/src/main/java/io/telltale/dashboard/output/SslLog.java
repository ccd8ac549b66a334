package io.telltale.dashboard.output;

import io.telltale.analysis.event.TlsRecord;
import java.util.List;

/**
 * Zeek's ssl.log with the {@code ja3}, {@code ja3s} and {@code ja4} columns the JA3/JA4 packages
 * add. Versions, cipher suites and curves are named as Zeek names them (IANA names; an unlisted number
 * in hex). {@code cert_chain_fps} are the SHA-256 fingerprints of the server's chain, leaf first, joining
 * x509.log; {@code sni_matches_cert} says whether the leaf covers the name the client asked for.
 */
final class SslLog {

    static final List<LogColumn<TlsRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.text("version", r -> version(r.version())),
            LogColumn.text("cipher", r -> TlsNames.cipher(r.cipher())),
            LogColumn.text("curve", r -> TlsNames.group(r.curve())),
            LogColumn.text("server_name", TlsRecord::serverName),
            LogColumn.text("next_protocol", TlsRecord::nextProtocol),
            LogColumn.text("ja3", TlsRecord::ja3),
            LogColumn.text("ja3s", TlsRecord::ja3s),
            LogColumn.text("ja4", TlsRecord::ja4),
            LogColumn.texts("cert_chain_fps", r -> r.certificateChainSha256().isEmpty() ? null : r.certificateChainSha256()),
            new LogColumn<>("sni_matches_cert", "bool", TlsRecord::sniMatchesCertificate),
            LogColumn.text("application", TlsRecord::application));

    private SslLog() {
    }

    static String version(int version) {
        return switch (version) {
            case -1 -> null;
            case 0x0304 -> "TLSv13";
            case 0x0303 -> "TLSv12";
            case 0x0302 -> "TLSv11";
            case 0x0301 -> "TLSv10";
            case 0x0300 -> "SSLv3";
            default -> String.format("unknown-%d", version);
        };
    }
}
