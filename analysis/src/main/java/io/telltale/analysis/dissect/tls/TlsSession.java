package io.telltale.analysis.dissect.tls;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.TlsRecord;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * TLS state of one flow. Per direction, record payloads of the handshake content type are joined
 * into a handshake stream, from which the first message (ClientHello from the client, ServerHello
 * from the server) is read, whatever the record and segment boundaries. One record is written when
 * both hellos are known, or when the flow ends.
 */
final class TlsSession implements DissectorSession {

    static final int RECORD_HEADER = 5;
    static final int CONTENT_HANDSHAKE = 22;
    static final int HANDSHAKE_CLIENT_HELLO = 1;
    static final int HANDSHAKE_SERVER_HELLO = 2;
    /** A hello larger than this is not one we wait for. */
    static final int MAX_HELLO = 1 << 16;

    private final FlowContext flow;
    private final Direction client = new Direction();
    private final Direction server = new Direction();
    private Hello clientHello;
    private Hello serverHello;
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
        readHello(d, fromOriginator);
        if (clientHello != null && serverHello != null) {
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
            d.handshake = grow(d.handshake, d.handshakeBytes + length);
            System.arraycopy(d.records, at + RECORD_HEADER, d.handshake, d.handshakeBytes, length);
            d.handshakeBytes += length;
            at += RECORD_HEADER + length;
        }
        System.arraycopy(d.records, at, d.records, 0, d.recordBytes - at);
        d.recordBytes -= at;
    }

    private void readHello(Direction d, boolean fromClient) {
        if (d.handshakeBytes < 4) {
            return;
        }
        int type = d.handshake[0] & 0xff;
        int length = ((d.handshake[1] & 0xff) << 16) | ((d.handshake[2] & 0xff) << 8) | (d.handshake[3] & 0xff);
        int expected = fromClient ? HANDSHAKE_CLIENT_HELLO : HANDSHAKE_SERVER_HELLO;
        if (type != expected || length > MAX_HELLO) {
            d.done = true;
            anomalies++;
            return;
        }
        if (d.handshakeBytes < 4 + length) {
            return;
        }
        Hello hello = fromClient ? Hello.client(d.handshake, 4, 4 + length) : Hello.server(d.handshake, 4, 4 + length);
        if (hello == null) {
            anomalies++;
        } else if (fromClient) {
            clientHello = hello;
        } else {
            serverHello = hello;
        }
        d.done = true;
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
        int version = -1;
        if (s != null) {
            version = s.supportedVersions.isEmpty() ? s.legacyVersion : s.supportedVersions.getFirst();
        }
        out.accept(new TlsRecord(flow.flowId(), firstNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), version, s == null ? -1 : s.ciphers.getFirst(),
                c == null ? null : c.serverName, c == null ? List.of() : List.copyOf(c.alpn),
                s == null || s.alpn.isEmpty() ? null : s.alpn.getFirst(),
                c == null ? null : Fingerprints.ja3(c), s == null ? null : Fingerprints.ja3s(s),
                c == null ? null : Fingerprints.ja4(c, false)));
    }

    @Override
    public long anomalies() {
        return anomalies;
    }
}
