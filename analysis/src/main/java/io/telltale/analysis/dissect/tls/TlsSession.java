package io.telltale.analysis.dissect.tls;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.event.X509Record;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * TLS state of one flow. Per direction, record payloads of the handshake content type are joined
 * into a handshake stream, from which the messages are read whatever the record and segment
 * boundaries: the ClientHello from the client; the ServerHello and, up to TLS 1.2, the Certificate
 * message from the server. The TLS record is written when both hellos are known and the server's
 * certificates are read (or cannot come: TLS 1.3, ServerHelloDone, encrypted records), or when the
 * flow ends; each certificate is written as an {@link X509Record} before it.
 */
final class TlsSession implements DissectorSession {

    static final int RECORD_HEADER = 5;
    static final int CONTENT_HANDSHAKE = 22;
    static final int HANDSHAKE_CLIENT_HELLO = 1;
    static final int HANDSHAKE_SERVER_HELLO = 2;
    static final int HANDSHAKE_CERTIFICATE = 11;
    static final int HANDSHAKE_SERVER_KEY_EXCHANGE = 12;
    static final int HANDSHAKE_SERVER_HELLO_DONE = 14;
    /** Handshake bytes kept per direction; a certificate chain fits many times over. */
    static final int MAX_HANDSHAKE = 1 << 18;
    /** A hello larger than this is not one we wait for. */
    static final int MAX_HELLO = 1 << 16;

    private final FlowContext flow;
    private final Direction client = new Direction();
    private final Direction server = new Direction();
    private Hello clientHello;
    private Hello serverHello;
    private List<X509Record> chain = List.of();
    /** The named curve of an ECDHE ServerKeyExchange (RFC 8422 §5.4), or -1. */
    private int keyExchangeCurve = -1;
    private long firstNanos = -1;
    private boolean written;
    private long anomalies;

    TlsSession(FlowContext flow) {
        this.flow = flow;
    }

    /** Raw bytes of one direction, and the handshake bytes taken out of its records. */
    private static final class Direction {
        byte[] records = new byte[1024];
        int recordBytes;
        byte[] handshake = new byte[1024];
        int handshakeBytes;
        /** Handshake bytes already read as messages. */
        int consumed;
        boolean done;
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                          boolean stream, EventSink out) {
        if (firstNanos < 0) {
            firstNanos = timestampNanos;
        }
        Direction d = fromOriginator ? client : server;
        if (d.done || written) {
            return;
        }
        if (d.recordBytes + length > MAX_HELLO + RECORD_HEADER * 16) {
            d.done = true;
            anomalies++;
            return;
        }
        d.records = grow(d.records, d.recordBytes + length);
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, offset, d.records, d.recordBytes, length);
        d.recordBytes += length;
        unwrapRecords(d);
        readMessages(d, fromOriginator, timestampNanos);
        if (clientHello != null && serverHello != null && server.done) {
            write(out);
        }
    }

    /** Moves the payload of complete handshake records into the handshake stream. */
    private void unwrapRecords(Direction d) {
        int at = 0;
        while (d.recordBytes - at >= RECORD_HEADER) {
            int type = d.records[at] & 0xff;
            int length = ((d.records[at + 3] & 0xff) << 8) | (d.records[at + 4] & 0xff);
            if (type != CONTENT_HANDSHAKE || (d.records[at + 1] & 0xff) != 3) {
                d.done = true; // alerts, change cipher spec or encrypted data: nothing clear-text left
                break;
            }
            if (d.recordBytes - at - RECORD_HEADER < length) {
                break;
            }
            if (d.handshakeBytes + length > MAX_HANDSHAKE) {
                d.done = true;
                anomalies++;
                break;
            }
            d.handshake = grow(d.handshake, d.handshakeBytes + length);
            System.arraycopy(d.records, at + RECORD_HEADER, d.handshake, d.handshakeBytes, length);
            d.handshakeBytes += length;
            at += RECORD_HEADER + length;
        }
        System.arraycopy(d.records, at, d.records, 0, d.recordBytes - at);
        d.recordBytes -= at;
    }

    /** Reads every complete handshake message not read yet; the direction is done when nothing more is wanted. */
    private void readMessages(Direction d, boolean fromClient, long timestampNanos) {
        while (!d.done || d.handshakeBytes - d.consumed >= 4) {
            if (d.handshakeBytes - d.consumed < 4) {
                return;
            }
            int at = d.consumed;
            int type = d.handshake[at] & 0xff;
            int length = ((d.handshake[at + 1] & 0xff) << 16) | ((d.handshake[at + 2] & 0xff) << 8) | (d.handshake[at + 3] & 0xff);
            boolean first = at == 0;
            int expected = fromClient ? HANDSHAKE_CLIENT_HELLO : HANDSHAKE_SERVER_HELLO;
            if ((first && type != expected) || length > MAX_HANDSHAKE) {
                d.done = true;
                anomalies++;
                return;
            }
            if (d.handshakeBytes - at - 4 < length) {
                return;
            }
            d.consumed = at + 4 + length;
            if (first) {
                Hello hello = fromClient ? Hello.client(d.handshake, at + 4, at + 4 + length)
                        : Hello.server(d.handshake, at + 4, at + 4 + length);
                if (hello == null) {
                    anomalies++;
                    d.done = true;
                    return;
                }
                if (fromClient) {
                    clientHello = hello;
                    d.done = true; // a client certificate comes later and encrypted in 1.3: not read
                    return;
                }
                serverHello = hello;
                if (negotiatedVersion() >= 0x0304) {
                    d.done = true; // the rest of a TLS 1.3 handshake is encrypted
                    return;
                }
            } else if (type == HANDSHAKE_CERTIFICATE) {
                Certificates.Chain read = Certificates.read(d.handshake, at + 4, at + 4 + length, flow, timestampNanos);
                chain = read.certificates();
                anomalies += read.unparsable();
            } else if (type == HANDSHAKE_SERVER_KEY_EXCHANGE) {
                if (length >= 3 && d.handshake[at + 4] == 3) { // curve_type named_curve
                    keyExchangeCurve = ((d.handshake[at + 5] & 0xff) << 8) | (d.handshake[at + 6] & 0xff);
                }
            } else if (type == HANDSHAKE_SERVER_HELLO_DONE) {
                d.done = true;
                return;
            }
        }
    }

    private int negotiatedVersion() {
        Hello s = serverHello;
        return s == null ? -1 : s.supportedVersions.isEmpty() ? s.legacyVersion : s.supportedVersions.getFirst();
    }

    private static byte[] grow(byte[] buffer, int needed) {
        return needed <= buffer.length ? buffer : java.util.Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    }

    @Override
    public void onEnd(long timestampNanos, EventSink out) {
        if (!written && (clientHello != null || serverHello != null)) {
            write(out);
        }
    }

    private void write(EventSink out) {
        written = true;
        Hello c = clientHello;
        Hello s = serverHello;
        int version = negotiatedVersion();
        chain.forEach(out::accept);
        String serverName = c == null ? null : c.serverName;
        Boolean sniMatches = serverName == null || chain.isEmpty() ? null
                : CertificateNames.matches(chain.getFirst(), serverName);
        out.accept(new TlsRecord(flow.flowId(), firstNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), version, s == null ? -1 : s.ciphers.getFirst(),
                s == null ? -1 : s.keyShareGroup >= 0 ? s.keyShareGroup : keyExchangeCurve,
                c == null ? null : c.serverName, c == null ? List.of() : List.copyOf(c.alpn),
                s == null || s.alpn.isEmpty() ? null : s.alpn.getFirst(),
                c == null ? null : Fingerprints.ja3(c), s == null ? null : Fingerprints.ja3s(s),
                c == null ? null : Fingerprints.ja4(c, false), chain.stream().map(X509Record::sha256).toList(),
                sniMatches, TlsApplications.of(serverName, c == null ? List.of() : c.alpn,
                        chain.isEmpty() ? null : chain.getFirst())));
    }

    @Override
    public long anomalies() {
        return anomalies;
    }
}
