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
            "http.stat_msg", "ssh.hassh.server", "ssh.hassh.server.string", "http.response_line", "http.location", "http.server",
            "http.response_body");

    /** Buffers both sides have (headers, cookies, bodies, the software banner): the rule's direction picks. */
    static final Set<String> EITHER_SIDE = Set.of("http.header", "http.header.raw", "http.header_names", "http.cookie",
            "http.content_type", "http.content_len", "file.data", "ssh.software", "ssh.proto");

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
                default -> h.raw() == null ? null : raw(h.raw(), buffer, toClient);
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

    /** The buffers read from the messages as sent, Suricata's way: headers "Name: value\r\n", names between CRLFs. */
    private static String raw(io.telltale.analysis.event.HttpRecord.Raw r, String buffer, boolean toClient) {
        String headers = toClient ? r.responseHeaders() : r.requestHeaders();
        return switch (buffer) {
            case "http.request_line" -> r.requestLine();
            case "http.response_line" -> r.responseLine();
            case "http.protocol" -> r.requestLine() == null ? null : r.requestLine().substring(r.requestLine().lastIndexOf(' ') + 1);
            case "http.stat_msg" -> r.responseLine() == null ? null : statusMessage(r.responseLine());
            case "http.start" -> r.requestLine() == null ? null : r.requestLine() + "\r\n"
                    + (r.requestHeaders() == null ? "" : r.requestHeaders()) + "\r\n";
            case "http.header" -> headers == null ? null : withoutCookies(headers);
            case "http.header.raw" -> headers;
            case "http.header_names" -> headers == null ? null : names(headers);
            case "http.cookie" -> headerValue(headers, toClient ? "set-cookie" : "cookie");
            case "http.content_type" -> headerValue(headers, "content-type");
            case "http.content_len" -> headerValue(headers, "content-length");
            case "http.referer" -> headerValue(r.requestHeaders(), "referer");
            case "http.accept" -> headerValue(r.requestHeaders(), "accept");
            case "http.accept_enc" -> headerValue(r.requestHeaders(), "accept-encoding");
            case "http.accept_lang" -> headerValue(r.requestHeaders(), "accept-language");
            case "http.connection" -> headerValue(r.requestHeaders(), "connection");
            case "http.location" -> headerValue(r.responseHeaders(), "location");
            case "http.server" -> headerValue(r.responseHeaders(), "server");
            case "http.request_body" -> r.requestBody();
            case "http.response_body" -> r.responseBody();
            case "file.data" -> toClient ? r.responseBody() : r.requestBody();
            default -> null;
        };
    }

    private static String statusMessage(String line) {
        String[] parts = line.split(" ", 3);
        return parts.length > 2 ? parts[2] : "";
    }

    /** The value of the first header of that name (lower case), or null. */
    static String headerValue(String headers, String name) {
        if (headers == null) {
            return null;
        }
        int at = 0;
        while (at < headers.length()) {
            int end = headers.indexOf("\r\n", at);
            if (end < 0) {
                end = headers.length();
            }
            int colon = headers.indexOf(':', at);
            if (colon > at && colon < end && colon - at == name.length() && headers.regionMatches(true, at, name, 0, name.length())) {
                return headers.substring(colon + 1, end).strip();
            }
            at = end + 2;
        }
        return null;
    }

    private static String withoutCookies(String headers) {
        StringBuilder b = new StringBuilder(headers.length());
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (!line.isEmpty() && !lower.startsWith("cookie:") && !lower.startsWith("set-cookie:")) {
                b.append(line).append("\r\n");
            }
        }
        return b.toString();
    }

    private static String names(String headers) {
        StringBuilder b = new StringBuilder("\r\n");
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                b.append(line, 0, colon).append("\r\n");
            }
        }
        return b.append("\r\n").toString();
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
