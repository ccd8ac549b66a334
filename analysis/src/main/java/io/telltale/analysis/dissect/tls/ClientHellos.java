package io.telltale.analysis.dissect.tls;

import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.TlsRecord;
import java.util.List;

/**
 * The TLS record of hellos that did not come over TLS records: QUIC carries them in the CRYPTO frames
 * of its Initial packets. The server's certificates travel encrypted, so there are none.
 */
public final class ClientHellos {

    private ClientHellos() {
    }

    /**
     * @param message a whole handshake message: type 1, a 3-byte length, the hello
     * @param serverMessage the ServerHello likewise, or 0 for {@code serverLength} when none was read
     * @return the record, or null when the bytes are not a ClientHello
     */
    public static TlsRecord overQuic(FlowContext flow, long timestampNanos, byte[] message, int length,
                                     byte[] serverMessage, int serverLength) {
        if (length < 4 || message[0] != TlsSession.HANDSHAKE_CLIENT_HELLO) {
            return null;
        }
        int body = ((message[1] & 0xff) << 16) | ((message[2] & 0xff) << 8) | (message[3] & 0xff);
        if (4 + body > length) {
            return null;
        }
        Hello c = Hello.client(message, 4, 4 + body);
        if (c == null) {
            return null;
        }
        Hello s = null;
        if (serverLength >= 4 && serverMessage[0] == TlsSession.HANDSHAKE_SERVER_HELLO) {
            s = Hello.server(serverMessage, 4, serverLength);
        }
        int version = s == null ? -1 : s.supportedVersions.isEmpty() ? s.legacyVersion : s.supportedVersions.getFirst();
        return new TlsRecord(flow.flowId(), timestampNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), version, s == null ? -1 : s.ciphers.getFirst(),
                s == null ? -1 : s.keyShareGroup, c.serverName,
                List.copyOf(c.alpn), s == null || s.alpn.isEmpty() ? null : s.alpn.getFirst(), Fingerprints.ja3(c),
                s == null ? null : Fingerprints.ja3s(s), Fingerprints.ja4(c, true), List.of(), null, null);
    }
}
