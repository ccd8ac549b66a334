package io.telltale.analysis.dissect.quic;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.dissect.tls.ClientHellos;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.QuicRecord;
import io.telltale.analysis.event.TlsRecord;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;

/**
 * One QUIC connection: both sides' Initial packets are opened (their keys derive from the client's
 * first destination connection id) and their CRYPTO frames put back in order until the ClientHello
 * and the ServerHello are whole; then the TLS and QUIC records are written and the rest of the
 * connection, which is encrypted with keys no observer has, costs nothing.
 */
final class QuicSession implements DissectorSession {

    /** Initial packets looked at per side before giving up. */
    static final int MAX_INITIALS = 8;

    private final FlowContext flow;
    private final CryptoStream client = new CryptoStream();
    private final CryptoStream server = new CryptoStream();
    private byte[] originalDcid;
    private byte[] clientScid;
    private byte[] serverScid;
    private int version;
    private long firstNanos = -1;
    private int clientInitials;
    private int serverInitials;
    private int clientHello;
    private int serverHello;
    private boolean written;
    private long anomalies;

    QuicSession(FlowContext flow) {
        this.flow = flow;
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                          boolean stream, EventSink out) {
        if (written || stream || (fromOriginator ? clientInitials : serverInitials) >= MAX_INITIALS) {
            return;
        }
        if (firstNanos < 0) {
            firstNanos = timestampNanos;
        }
        if (!fromOriginator && originalDcid == null) {
            return; // a server's packet before any client Initial: no keys to open it with
        }
        byte[] datagram = data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
        int at = 0;
        while (at < datagram.length) {
            InitialPacket.Opened packet = InitialPacket.open(datagram, at, datagram.length, originalDcid, !fromOriginator);
            if (packet == null) {
                break; // coalesced Handshake or 0-RTT packets, or padding: not readable here
            }
            if (fromOriginator) {
                clientInitials++;
                if (originalDcid == null) {
                    originalDcid = packet.destinationId();
                    clientScid = packet.sourceId();
                    version = packet.version();
                }
                client.frames(packet.frames());
                clientHello = clientHello == 0 ? client.message() : clientHello;
            } else {
                serverInitials++;
                serverScid = serverScid == null ? packet.sourceId() : serverScid;
                server.frames(packet.frames());
                serverHello = serverHello == 0 ? server.message() : serverHello;
            }
            at = packet.next();
        }
        if (clientHello != 0 && serverHello != 0) {
            write(out);
        }
    }

    @Override
    public void onEnd(long timestampNanos, EventSink out) {
        if (!written && clientHello > 0) {
            write(out);
        }
    }

    private void write(EventSink out) {
        written = true;
        if (clientHello < 0) {
            anomalies++;
            return;
        }
        TlsRecord tls = ClientHellos.overQuic(flow, firstNanos, client.bytes, clientHello, server.bytes,
                Math.max(serverHello, 0));
        if (tls == null) {
            anomalies++;
            return;
        }
        HexFormat hex = HexFormat.of();
        out.accept(new QuicRecord(flow.flowId(), firstNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), Integer.toUnsignedLong(version), hex.formatHex(originalDcid),
                hex.formatHex(clientScid), serverScid == null ? null : hex.formatHex(serverScid), tls.serverName(),
                tls.alpnOffered().isEmpty() ? null : tls.alpnOffered().getFirst()));
        out.accept(tls);
    }

    @Override
    public long anomalies() {
        return anomalies + client.anomalies() + server.anomalies();
    }
}
