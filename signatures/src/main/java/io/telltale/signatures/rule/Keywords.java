package io.telltale.signatures.rule;

import java.util.Map;
import java.util.Set;

/**
 * What Telltale honours of the Suricata rule language, and why it skips the rest. A sticky buffer is
 * supported when a dissector fills the catalog field behind it ({@link #BUFFERS}); a buffer that
 * Suricata knows but no dissector extracts yet is named as such, so the report says what to build.
 */
public final class Keywords {

    private Keywords() {
    }

    /** Sticky buffer (canonical name) to the field catalog's field that backs it; pkt_data is the payload. */
    public static final Map<String, String> BUFFERS = Map.ofEntries(
            Map.entry("pkt_data", "payload"),
            Map.entry("dns.query", "dns.query"),
            Map.entry("tls.sni", "tls.sni"),
            Map.entry("tls.cert_subject", "tls.cert_subject"),
            Map.entry("tls.cert_issuer", "tls.cert_issuer"),
            Map.entry("ja3.hash", "tls.ja3"),
            Map.entry("ja3s.hash", "tls.ja3s"),
            Map.entry("ja4.hash", "tls.ja4"),
            Map.entry("http.uri", "http.uri"),
            Map.entry("http.uri.raw", "http.uri"),
            Map.entry("http.method", "http.method"),
            Map.entry("http.host", "http.host"),
            Map.entry("http.host.raw", "http.host"),
            Map.entry("http.user_agent", "http.user_agent"),
            Map.entry("http.stat_code", "http.status_code"),
            Map.entry("http.stat_msg", "http.response_headers"),
            Map.entry("http.request_line", "http.request_line"),
            Map.entry("http.response_line", "http.response_headers"),
            Map.entry("http.start", "http.request_headers"),
            Map.entry("http.protocol", "http.request_line"),
            Map.entry("http.header", "http.request_headers"),
            Map.entry("http.header.raw", "http.request_headers"),
            Map.entry("http.header_names", "http.request_headers"),
            Map.entry("http.cookie", "http.request_headers"),
            Map.entry("http.content_type", "http.request_headers"),
            Map.entry("http.content_len", "http.request_headers"),
            Map.entry("http.referer", "http.request_headers"),
            Map.entry("http.accept", "http.request_headers"),
            Map.entry("http.accept_enc", "http.request_headers"),
            Map.entry("http.accept_lang", "http.request_headers"),
            Map.entry("http.connection", "http.request_headers"),
            Map.entry("http.location", "http.response_headers"),
            Map.entry("http.server", "http.response_headers"),
            Map.entry("http.request_body", "http.request_body"),
            Map.entry("http.response_body", "http.response_body"),
            Map.entry("file.data", "http.response_body"),
            Map.entry("ssh.software", "ssh.client"),
            Map.entry("ssh.proto", "ssh.client"),
            Map.entry("ssh.hassh", "ssh.hassh"),
            Map.entry("ssh.hassh.server", "ssh.hassh_server"),
            Map.entry("ssh.hassh.string", "ssh.hassh"),
            Map.entry("ssh.hassh.server.string", "ssh.hassh_server"));

    /** Buffers Suricata has and Telltale's dissectors do not extract yet. */
    static final Set<String> NOT_EXTRACTED = Set.of("tls.certs", "tls.cert_serial",
            "tls.cert_fingerprint", "ja3.string", "ja3s.string", "base64_data", "http.uri.len", "dns.answer.name",
            "dns.queries.rrname", "smb.named_pipe", "smb.share", "krb5.cname", "krb5.sname", "snmp.community", "sip.method",
            "sip.uri", "http2.header", "quic.sni", "quic.ua", "quic.version", "ftp.command", "smtp.helo", "smtp.mail_from",
            "smtp.rcpt_to", "email.from", "email.to", "email.subject", "tcp.hdr", "udp.hdr", "ipv4.hdr", "ipv6.hdr",
            "icmpv4.hdr", "icmpv6.hdr", "tls.random", "tls.subjectaltname");

    /** Old names of sticky buffers. */
    static final Map<String, String> BUFFER_ALIASES = Map.ofEntries(
            Map.entry("dns_query", "dns.query"),
            Map.entry("tls_sni", "tls.sni"),
            Map.entry("tls_cert_subject", "tls.cert_subject"),
            Map.entry("tls_cert_issuer", "tls.cert_issuer"),
            Map.entry("tls_cert_serial", "tls.cert_serial"),
            Map.entry("tls_cert_fingerprint", "tls.cert_fingerprint"),
            Map.entry("ja3_hash", "ja3.hash"),
            Map.entry("ja3s_hash", "ja3s.hash"),
            Map.entry("ja3_string", "ja3.string"),
            Map.entry("file_data", "file.data"),
            Map.entry("http_content_type", "http.content_type"),
            Map.entry("http_header_names", "http.header_names"),
            Map.entry("http_request_line", "http.request_line"),
            Map.entry("http_response_line", "http.response_line"),
            Map.entry("http_accept", "http.accept"),
            Map.entry("http_referer", "http.referer"),
            Map.entry("http_start", "http.start"),
            Map.entry("http_protocol", "http.protocol"),
            Map.entry("ssh_software", "ssh.software"),
            Map.entry("ssh_proto", "ssh.proto"),
            Map.entry("hassh", "ssh.hassh"),
            Map.entry("hassh.server", "ssh.hassh.server"),
            Map.entry("hassh.string", "ssh.hassh.string"),
            Map.entry("hassh.server.string", "ssh.hassh.server.string"));

    /** Content modifiers of the old style ({@code content:"x"; http_uri;}) and the buffer each names. */
    static final Map<String, String> LEGACY_MODIFIERS = Map.ofEntries(
            Map.entry("http_uri", "http.uri"),
            Map.entry("http_raw_uri", "http.uri.raw"),
            Map.entry("http_method", "http.method"),
            Map.entry("http_host", "http.host"),
            Map.entry("http_raw_host", "http.host.raw"),
            Map.entry("http_user_agent", "http.user_agent"),
            Map.entry("http_stat_code", "http.stat_code"),
            Map.entry("http_header", "http.header"),
            Map.entry("http_raw_header", "http.header.raw"),
            Map.entry("http_cookie", "http.cookie"),
            Map.entry("http_client_body", "http.request_body"),
            Map.entry("http_server_body", "http.response_body"),
            Map.entry("http_stat_msg", "http.stat_msg"));

    /** Transforms applied to the current buffer. */
    static final Set<String> TRANSFORMS = Set.of("dotprefix", "to_lowercase", "to_uppercase", "strip_whitespace",
            "compress_whitespace", "url_decode");

    /** Protocols of the rule header: the transport ones and the app-layer ones Telltale dissects. */
    public static final Set<String> PROTOCOLS = Set.of("ip", "tcp", "udp", "icmp", "tcp-pkt", "tcp-stream", "dns", "tls",
            "http", "http1", "ssh", "dicom", "smtp", "ftp", "smb", "ntp", "dhcp", "quic");

    /** Keywords Suricata has that change what a rule means, with the reason Telltale does not honour them. */
    static final Map<String, String> NOT_HONOURED = Map.ofEntries(
            Map.entry("xbits", "xbits (state shared across flows) is not supported"),
            Map.entry("flowint", "flowint (integer flow variables) is not supported"),
            Map.entry("byte_extract", "byte_extract (variables from the payload) is not supported"),
            Map.entry("byte_math", "byte_math is not supported"),
            Map.entry("base64_decode", "base64_decode is not supported"),
            Map.entry("lua", "lua scripts are not run"),
            Map.entry("luajit", "lua scripts are not run"),
            Map.entry("app-layer-event", "app-layer-event (Suricata's parser events) has no equivalent"),
            Map.entry("stream_size", "stream_size is not supported"),
            Map.entry("tag", "tag (logging the packets after a match) is not supported"),
            Map.entry("asn1", "asn1 is not supported"),
            Map.entry("ftpbounce", "ftpbounce is not supported"),
            Map.entry("flags", "TCP flags tests are not supported yet"),
            Map.entry("tls.version", "tls.version is not supported yet"),
            Map.entry("ssl_version", "ssl_version is not supported yet"),
            Map.entry("ssl_state", "ssl_state is not supported yet"),
            Map.entry("ip_proto", "ip_proto is not supported yet"),
            Map.entry("window", "window is not supported yet"),
            Map.entry("fragbits", "fragbits is not supported yet"),
            Map.entry("id", "IP id tests are not supported yet"),
            Map.entry("ipopts", "ipopts is not supported yet"),
            Map.entry("sameip", "sameip is not supported yet"),
            Map.entry("filemagic", "file keywords are not supported yet"),
            Map.entry("filename", "file keywords are not supported yet"),
            Map.entry("fileext", "file keywords are not supported yet"),
            Map.entry("filestore", "file keywords are not supported yet"),
            Map.entry("filemd5", "file keywords are not supported yet"),
            Map.entry("filesha256", "file keywords are not supported yet"),
            Map.entry("dce_iface", "DCE/RPC is not dissected"),
            Map.entry("dce_opnum", "DCE/RPC is not dissected"),
            Map.entry("dce_stub_data", "DCE/RPC is not dissected"));
}
