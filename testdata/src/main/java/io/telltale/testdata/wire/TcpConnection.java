package io.telltale.testdata.wire;

import java.util.List;
import java.util.Random;

/**
 * A TCP connection as the monitor sees it: handshake with the options real stacks send, data cut into
 * MSS-sized segments with correct sequence and acknowledgement numbers, the receiver acknowledging
 * every second segment (delayed ACK), now and then a segment sent again (a retransmission), and a
 * FIN or RST teardown. Time moves forward only; the monitor sits beside the client, so the server's
 * packets arrive one round trip after what prompted them.
 */
public final class TcpConnection {

    /** Options of a SYN: MSS 1460, NOP, window scale 8, NOP, NOP, SACK permitted (Windows and Linux alike). */
    private static final byte[] SYN_OPTIONS = {2, 4, 0x05, (byte) 0xb4, 1, 3, 3, 8, 1, 1, 4, 2};
    static final int MSS = 1460;
    /** Time between back-to-back segments of one burst: a 1,500-byte frame at 1 Gbit/s, about. */
    static final long SEGMENT_GAP_NANOS = 12_000;
    /** How long a host takes to answer what it received (an ACK, a reply), at least. */
    static final long TURN_NANOS = 40_000;

    private final Link link;
    private final List<Frame> out;
    private final Random random;
    private final int clientPort;
    private final int serverPort;
    private final long roundTripNanos;
    private final double retransmitRate;
    private long clientSeq;
    private long serverSeq;
    private long now;
    private boolean open;

    /**
     * @param retransmitRate the chance that a data segment is sent twice (0 for none)
     */
    public TcpConnection(Link link, List<Frame> out, Random random, int clientPort, int serverPort, long startNanos,
                         long roundTripNanos, double retransmitRate) {
        this.link = link;
        this.out = out;
        this.random = random;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.now = startNanos;
        this.roundTripNanos = roundTripNanos;
        this.retransmitRate = retransmitRate;
        this.clientSeq = random.nextInt() & 0xffffffffL;
        this.serverSeq = random.nextInt() & 0xffffffffL;
    }

    public long now() {
        return now;
    }

    public TcpConnection idle(long nanos) {
        now += nanos;
        return this;
    }

    /** SYN, SYN-ACK, ACK. */
    public TcpConnection open() {
        emit(now, true, Headers.SYN, clientSeq, 0, SYN_OPTIONS, new byte[0]);
        clientSeq++;
        now += roundTripNanos;
        emit(now, false, Headers.SYN | Headers.ACK, serverSeq, clientSeq, SYN_OPTIONS, new byte[0]);
        serverSeq++;
        now += TURN_NANOS;
        emit(now, true, Headers.ACK, clientSeq, serverSeq, new byte[0], new byte[0]);
        open = true;
        return this;
    }

    /** A client SYN nobody answers, sent three times (1 s, then 2 s apart): a blocked connection attempt. */
    public TcpConnection unanswered() {
        for (int i = 0; i < 3; i++) {
            emit(now, true, Headers.SYN, clientSeq, 0, SYN_OPTIONS, new byte[0]);
            now += 1_000_000_000L << i;
        }
        return this;
    }

    /** The client sends {@code data}; the server acknowledges. */
    public TcpConnection clientSends(byte[] data) {
        return send(true, data);
    }

    /** The server sends {@code data}, one round trip after the client's last word; the client acknowledges. */
    public TcpConnection serverSends(byte[] data) {
        return send(false, data);
    }

    private TcpConnection send(boolean fromClient, byte[] data) {
        if (!open) {
            throw new IllegalStateException("send before open");
        }
        now += fromClient ? TURN_NANOS : roundTripNanos / 2 + TURN_NANOS;
        int unacknowledged = 0;
        for (int at = 0; at < data.length || (data.length == 0 && at == 0); at += MSS) {
            int length = Math.min(MSS, data.length - at);
            byte[] segment = java.util.Arrays.copyOfRange(data, at, at + length);
            boolean last = at + length >= data.length;
            long seq = fromClient ? clientSeq : serverSeq;
            long ack = fromClient ? serverSeq : clientSeq;
            int flags = Headers.ACK | (last ? Headers.PSH : 0);
            emit(now, fromClient, flags, seq, ack, new byte[0], segment);
            if (retransmitRate > 0 && random.nextDouble() < retransmitRate) {
                // sent again after a timeout, as if the first copy was lost beyond the monitor
                emit(now + 3 * roundTripNanos + 200_000_000L, fromClient, flags, seq, ack, new byte[0], segment);
            }
            if (fromClient) {
                clientSeq = (clientSeq + length) & 0xffffffffL;
            } else {
                serverSeq = (serverSeq + length) & 0xffffffffL;
            }
            if (++unacknowledged == 2 || last) {
                long ackTime = now + (fromClient ? roundTripNanos : TURN_NANOS);
                emit(ackTime, !fromClient, Headers.ACK, fromClient ? serverSeq : clientSeq, fromClient ? clientSeq : serverSeq,
                        new byte[0], new byte[0]);
                unacknowledged = 0;
                if (last) {
                    now = ackTime;
                }
            }
            now += SEGMENT_GAP_NANOS;
            if (data.length == 0) {
                break;
            }
        }
        return this;
    }

    /** FIN from one side, FIN from the other, last ACK. */
    public void close(boolean clientFirst) {
        now += TURN_NANOS;
        boolean first = clientFirst;
        emit(now, first, Headers.FIN | Headers.ACK, seq(first), seq(!first), new byte[0], new byte[0]);
        advance(first, 1);
        now += first ? roundTripNanos : TURN_NANOS;
        emit(now, !first, Headers.FIN | Headers.ACK, seq(!first), seq(first), new byte[0], new byte[0]);
        advance(!first, 1);
        now += first ? TURN_NANOS : roundTripNanos;
        emit(now, first, Headers.ACK, seq(first), seq(!first), new byte[0], new byte[0]);
        open = false;
    }

    /** The connection is torn down with a RST from one side. */
    public void reset(boolean fromClient) {
        now += TURN_NANOS;
        emit(now, fromClient, Headers.RST | Headers.ACK, seq(fromClient), seq(!fromClient), new byte[0], new byte[0]);
        open = false;
    }

    private long seq(boolean client) {
        return client ? clientSeq : serverSeq;
    }

    private void advance(boolean client, int by) {
        if (client) {
            clientSeq = (clientSeq + by) & 0xffffffffL;
        } else {
            serverSeq = (serverSeq + by) & 0xffffffffL;
        }
    }

    private void emit(long nanos, boolean fromClient, int flags, long seq, long ack, byte[] options, byte[] payload) {
        // a SYN's window is not scaled; afterwards 2^8 scaling gives about 256 kB and 128 kB
        int window = (flags & Headers.SYN) != 0 ? (fromClient ? 64_240 : 65_160) : fromClient ? 1026 : 502;
        byte[] t = fromClient
                ? Headers.tcp(link.client(), link.server(), clientPort, serverPort, seq, ack, flags, window, options, payload)
                : Headers.tcp(link.server(), link.client(), serverPort, clientPort, seq, ack, flags, window, options, payload);
        out.add(new Frame(nanos, link.frame(fromClient, Headers.PROTO_TCP, t)));
    }
}
