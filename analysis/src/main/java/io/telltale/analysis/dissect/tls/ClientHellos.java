package io.telltale.analysis.dissect.tls;

import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.TlsRecord;
import java.util.List;

/**
 * The TLS record of a ClientHello that did not come over TLS records: QUIC carries it in CRYPTO frames.
 * Everything the server said is encrypted there, so only the client's side is filled in.
 */
public final class ClientHellos {

    private ClientHellos() {
    }

    /**
     * @param message a whole handshake message: type 1, a 3-byte length, the hello
     * @return the record, or null when the bytes are not a ClientHello
     */
    public static TlsRecord overQuic(FlowContext flow, long timestampNanos, byte[] message, int length) {
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
        return new TlsRecord(flow.flowId(), timestampNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), -1, -1, c.serverName, List.copyOf(c.alpn), null,
                Fingerprints.ja3(c), null, Fingerprints.ja4(c, true), List.of(), null);
    }
}
