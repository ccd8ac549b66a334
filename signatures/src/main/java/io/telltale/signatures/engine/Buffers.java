package io.telltale.signatures.engine;

import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.event.SshRecord;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.event.X509Record;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The sticky buffers a protocol record fills, as Suricata defines them: {@code http.uri} decoded,
 * {@code http.host} in lower case without a port, {@code ssh.software} the software part of the
 * banner, and so on. A buffer belongs to a side of the conversation: the client's (to_server) or the
 * server's (to_client); a rule reading a server-side buffer sees the server as its source.
 */
final class Buffers {

    /** Buffers that the server sends. */
    static final Set<String> SERVER_SIDE = Set.of("ja3s.hash", "tls.cert_subject", "tls.cert_issuer", "http.stat_code",
            "http.stat_msg", "ssh.hassh.server", "ssh.hassh.server.string");

    private Buffers() {
    }

    /** The app-layer protocol a record belongs to, as rule headers name it. */
    static String protocol(ProtocolRecord r) {
        return switch (r) {
            case DnsRecord d -> "dns";
            case HttpRecord h -> "http";
            case TlsRecord t -> "tls";
            case X509Record x -> "tls";
            case SshRecord s -> "ssh";
            default -> null;
        };
    }

    /** Whether the record's flow runs over TCP. */
    static boolean tcp(ProtocolRecord r) {
        return !(r instanceof DnsRecord d) || d.tcp();
    }

    /**
     * The value of {@code buffer} in the record, from the side asked ({@code toClient}) where the
     * buffer exists on both sides (ssh.software), or null when the record has none.
     */
    static String value(ProtocolRecord r, String buffer, boolean toClient) {
        return switch (r) {
            case DnsRecord d -> buffer.equals("dns.query") ? d.query() : null;
            case TlsRecord t -> switch (buffer) {
                case "tls.sni" -> t.serverName();
                case "ja3.hash" -> t.ja3();
                case "ja3s.hash" -> t.ja3s();
                case "ja4.hash" -> t.ja4();
                default -> null;
            };
            case X509Record x -> x.chainIndex() != 0 ? null : switch (buffer) {
                case "tls.cert_subject" -> x.subject();
                case "tls.cert_issuer" -> x.issuer();
                default -> null;
            };
            case HttpRecord h -> switch (buffer) {
                case "http.uri" -> h.uri() == null ? null : new String(percentDecode(h.uri().getBytes(StandardCharsets.ISO_8859_1)),
                        StandardCharsets.ISO_8859_1);
                case "http.uri.raw" -> h.uri();
                case "http.method" -> h.method();
                case "http.host" -> h.host() == null ? null : hostOnly(h.host()).toLowerCase(Locale.ROOT);
                case "http.host.raw" -> h.host();
                case "http.user_agent" -> h.userAgent();
                case "http.stat_code" -> h.statusCode() > 0 ? String.valueOf(h.statusCode()) : null;
                default -> null;
            };
            case SshRecord s -> {
                String banner = toClient ? s.server() : s.client();
                yield switch (buffer) {
                    case "ssh.software" -> banner == null ? null : software(banner);
                    case "ssh.proto" -> banner == null ? null : proto(banner);
                    case "ssh.hassh" -> s.hassh();
                    case "ssh.hassh.server" -> s.hasshServer();
                    case "ssh.hassh.string" -> s.hasshAlgorithms();
                    case "ssh.hassh.server.string" -> s.hasshServerAlgorithms();
                    default -> null;
                };
            }
            default -> null;
        };
    }

    private static String hostOnly(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(1, close) : host;
        }
        int colon = host.indexOf(':');
        return colon > 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
    }

    /** {@code SSH-2.0-OpenSSH_8.9 Ubuntu}: the software, {@code OpenSSH_8.9 Ubuntu}. */
    private static String software(String banner) {
        String b = banner.startsWith("SSH-") ? banner.substring(4) : banner;
        int dash = b.indexOf('-');
        return dash < 0 ? b : b.substring(dash + 1);
    }

    private static String proto(String banner) {
        String b = banner.startsWith("SSH-") ? banner.substring(4) : banner;
        int dash = b.indexOf('-');
        return dash < 0 ? b : b.substring(0, dash);
    }

    /** %XX decoded (an invalid escape is kept as written), as Suricata's normalised URI. */
    static byte[] percentDecode(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length) {
                int hi = Character.digit(b[i + 1], 16);
                int lo = Character.digit(b[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi << 4 | lo);
                    i += 2;
                    continue;
                }
            }
            out.write(b[i]);
        }
        return out.toByteArray();
    }
}
