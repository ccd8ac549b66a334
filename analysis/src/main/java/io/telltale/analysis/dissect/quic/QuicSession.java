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
 * and the ServerHello are whole; then the TLS record is written, and the rest of the connection,
 * encrypted with keys no observer has, only adds to the packet history read from its clear headers.
 * The QUIC record, with that history, is written when the flow ends, as Zeek writes quic.log.
 */
final class QuicSession implements DissectorSession, QuicHistory.HelloMarks {

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
    private final QuicHistory history = new QuicHistory();
    /** The Initial of the current datagram, by index, whose frames made its side's hello whole; -1 if none. */
    private int helloCompletedAt = -1;
    private TlsRecord tls;

    QuicSession(FlowContext flow) {
        this.flow = flow;
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                          boolean stream, EventSink out) {
        if (stream) {
            return;
        }
        if (firstNanos < 0) {
            firstNanos = timestampNanos;
        }
        helloCompletedAt = -1;
        if (!written && (fromOriginator ? clientInitials : serverInitials) < MAX_INITIALS
                && (fromOriginator || originalDcid != null)) { // a server packet before any client Initial has no keys
            openInitials(fromOriginator, data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
        }
        history.datagram(data, offset, offset + length, fromOriginator, this);
        if (!written && clientHello != 0 && serverHello != 0) {
            writeTls(out);
        }
    }

    private void openInitials(boolean fromOriginator, byte[] datagram) {
        int at = 0;
        for (int index = 0; at < datagram.length; index++) {
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
                if (clientHello == 0 && (clientHello = client.message()) > 0) {
                    helloCompletedAt = index;
                }
            } else {
                serverInitials++;
                serverScid = serverScid == null ? packet.sourceId() : serverScid;
                server.frames(packet.frames());
                if (serverHello == 0 && (serverHello = server.message()) > 0) {
                    helloCompletedAt = index;
                }
            }
            at = packet.next();
        }
    }

    @Override
    public boolean completedIn(boolean client, int initialIndex) {
        return initialIndex == helloCompletedAt;
    }

    @Override
    public void onEnd(long timestampNanos, EventSink out) {
        if (!written && clientHello > 0) {
            writeTls(out);
        }
        if (tls != null) {
            HexFormat hex = HexFormat.of();
            out.accept(new QuicRecord(flow.flowId(), firstNanos, flow.originatorHost(), flow.originatorPort(),
                    flow.responderHost(), flow.responderPort(), Integer.toUnsignedLong(version),
                    hex.formatHex(originalDcid), hex.formatHex(clientScid),
                    serverScid == null ? null : hex.formatHex(serverScid), tls.serverName(),
                    tls.alpnOffered().isEmpty() ? null : tls.alpnOffered().getFirst(), history.toString()));
        }
    }

    private void writeTls(EventSink out) {
        written = true;
        if (clientHello < 0) {
            anomalies++;
            return;
        }
        tls = ClientHellos.overQuic(flow, firstNanos, client.bytes, clientHello, server.bytes, Math.max(serverHello, 0));
        if (tls == null) {
            anomalies++;
            return;
        }
        out.accept(tls);
    }

    @Override
    public long anomalies() {
        return anomalies + client.anomalies() + server.anomalies();
    }
}
