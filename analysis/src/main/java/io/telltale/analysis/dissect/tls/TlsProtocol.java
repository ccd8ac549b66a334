package io.telltale.analysis.dissect.tls;

import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Set;

/** TLS over TCP, recognised by a handshake record carrying a hello, on any port. Zeek calls it ssl. */
public final class TlsProtocol {

    public static final FieldSpec SNI = new FieldSpec("tls.sni", FieldType.NAME, "server name the client asked for");
    public static final FieldSpec VERSION = new FieldSpec("tls.version", FieldType.COUNT, "negotiated version (0x0304 = TLS 1.3)");
    public static final FieldSpec CIPHER = new FieldSpec("tls.cipher", FieldType.COUNT, "cipher suite the server chose");
    public static final FieldSpec ALPN = new FieldSpec("tls.alpn", FieldType.TEXT_LIST, "application protocols the client offered");
    public static final FieldSpec JA3 = new FieldSpec("tls.ja3", FieldType.TEXT, "JA3 fingerprint of the ClientHello");
    public static final FieldSpec JA3S = new FieldSpec("tls.ja3s", FieldType.TEXT, "JA3S fingerprint of the ServerHello");
    public static final FieldSpec JA4 = new FieldSpec("tls.ja4", FieldType.TEXT, "JA4 fingerprint of the ClientHello");
    public static final FieldSpec CURVE = new FieldSpec("tls.curve", FieldType.COUNT, "key-exchange group the server used");
    public static final FieldSpec CERT_SHA256 = new FieldSpec("tls.cert_sha256", FieldType.TEXT_LIST,
            "SHA-256 of each certificate the server sent, leaf first");
    public static final FieldSpec CERT_SUBJECT = new FieldSpec("tls.cert_subject", FieldType.TEXT, "the leaf certificate's subject");
    public static final FieldSpec CERT_ISSUER = new FieldSpec("tls.cert_issuer", FieldType.TEXT, "the leaf certificate's issuer");
    public static final FieldSpec SELF_SIGNED = new FieldSpec("tls.self_signed", FieldType.BOOLEAN,
            "the leaf certificate signs itself");
    public static final FieldSpec APPLICATION = new FieldSpec("tls.application", FieldType.TEXT,
            "the tool the handshake gives away: anydesk, tor");

    public static final ProtocolSpec SPEC = new ProtocolSpec("tls", "ssl", true, false, true, Set.of(443, 8443, 993, 995, 465, 636),
            TlsProtocol::looksLikeHello, List.of(SNI, VERSION, CIPHER, ALPN, JA3, JA3S, JA4, CURVE, CERT_SHA256,
                    CERT_SUBJECT, CERT_ISSUER, SELF_SIGNED, APPLICATION), () -> TlsSession::new);

    private TlsProtocol() {
    }

    /** A handshake record (22, version 3.x) whose first message is a ClientHello or ServerHello. */
    static boolean looksLikeHello(MemorySegment data, long offset, int length, boolean stream, boolean fromOriginator) {
        if (!stream || length < 6) {
            return false;
        }
        int type = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, offset));
        int major = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, offset + 1));
        int minor = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, offset + 2));
        int handshake = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, offset + 5));
        return type == 22 && major == 3 && minor <= 4 && (handshake == 1 || handshake == 2);
    }
}
