package io.telltale.capture.flow.tcp;

import io.telltale.capture.decode.header.TcpHeader;
import io.telltale.capture.stream.ReassemblyBudget;
import java.lang.foreign.MemorySegment;

/**
 * Tracks one TCP connection the way Zeek's TCP analyzer does, so that {@code conn_state},
 * {@code history}, byte counts and missed bytes agree with Zeek's {@code conn.log}. The algorithm
 * (endpoint state machine, relative sequence numbers with wrap counts, history letters, gaps from
 * acknowledgments above holes) follows Zeek's TCPSessionAdapter and TCP_Reassembler; the code is our
 * own. One instance per flow slot, reset and reused.
 *
 * <p>Not final: the flow extends it, so that a TCP packet's flow and connection state are one object
 * (one cache miss fewer per packet in a table of a million flows). Endpoints are created the first
 * time the slot carries TCP, so UDP and ICMP flows do not pay for them.
 */
public class TcpConnection {

    /** Zeek's TOO_LARGE_SEQ_DELTA: jumps beyond this in SYN or RST packets are not trusted. */
    static final int TOO_LARGE_SEQ_DELTA = 1_048_576;

    private final ConnectionHistory history;
    private final ReassemblyBudget budget;
    private TcpEndpoint first;
    private TcpEndpoint second;
    private TcpEndpoint orig;
    private TcpEndpoint resp;
    private TcpConnectionOwner owner;
    private boolean partial;
    private int firstPacketSeen;
    private boolean closeDeferred;
    /** Packet time of the last packet that counts for the connection's duration. */
    private long lastNanos;
    /** When the originator's first SYN was seen (start of Zeek's attempt timer), or -1. */
    private long attemptStartNanos;
    /** Packet time at which a close was reported; the connection ends a linger period after it. */
    private long closeNanos;
    private boolean closeComplete;
    private boolean halfClosed;

    public TcpConnection(ConnectionHistory history, ReassemblyBudget budget) {
        this.history = history;
        this.budget = budget;
    }

    /** The history this connection writes to (shared with the flow). */
    public final ConnectionHistory history() {
        return history;
    }

    /** Prepares for a new connection. */
    public void reset(TcpConnectionOwner owner) {
        this.owner = owner;
        if (first == null) {
            first = new TcpEndpoint(budget, this);
            second = new TcpEndpoint(budget, this);
        }
        first.reset(true);
        second.reset(false);
        first.peer = second;
        second.peer = first;
        orig = first;
        resp = second;
        partial = false;
        firstPacketSeen = 0;
        closeDeferred = false;
        lastNanos = 0;
        attemptStartNanos = -1;
        closeNanos = -1;
        closeComplete = false;
        halfClosed = false;
    }

    /** Returns reassembly buffers to the budget; called when the flow ends, before the slot is reused. */
    public void releaseBuffers() {
        if (first != null) {
            first.reset();
            second.reset();
        }
    }

    public TcpEndpoint originator() {
        return orig;
    }

    public TcpEndpoint responder() {
        return resp;
    }

    public long lastNanos() {
        return lastNanos;
    }

    /** True when the connection was picked up without its handshake (Zeek's "partial" connection). */
    public boolean partial() {
        return partial;
    }

    public boolean closeComplete() {
        return closeComplete;
    }

    public long closeNanos() {
        return closeNanos;
    }

    public boolean halfClosed() {
        return halfClosed;
    }

    public long attemptStartNanos() {
        return attemptStartNanos;
    }

    /** True once the handshake is over on both sides (Zeek then switches to the TCP inactivity timeout). */
    public boolean pastHandshake() {
        return !TcpState.isHandshake(orig.state) || !TcpState.isHandshake(resp.state);
    }

    /** Zeek's roles-flip rule for a new connection whose first packet is {@code flags}, see {@code WantConnection}. */
    public static boolean shouldFlip(int flags, boolean srcLikelyServer, boolean dstLikelyServer, int srcPort, int dstPort) {
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean ack = (flags & TcpHeader.ACK) != 0;
        if (syn && !ack) {
            return false;
        }
        if (!srcLikelyServer) {
            return false;
        }
        return dstLikelyServer ? !syn && srcPort < dstPort : true;
    }

    /** Called once when the connection is created with its roles already flipped by port heuristics. */
    public void notePortFlip() {
        history.add('^');
    }

    /**
     * Zeek's reuse rule: a SYN on a connection that is over (or with a new initial sequence number)
     * starts a new connection.
     */
    public boolean isReuse(int flags, int seq) {
        if ((flags & TcpHeader.SYN) == 0) {
            return false;
        }
        TcpEndpoint connOrig = orig;
        if ((flags & TcpHeader.ACK) != 0) {
            if (orig.state != TcpState.INACTIVE) {
                return false;
            }
            connOrig = resp;
        }
        if (!isClosed()) {
            if (seq == connOrig.startSeq) {
                return false;
            }
            if ((flags & TcpHeader.ACK) == 0 && connOrig.state == TcpState.SYN_ACK_SENT
                    && resp.state == TcpState.INACTIVE && seq == resp.startSeq) {
                return false;
            }
        }
        return true;
    }

    private boolean isClosed() {
        return closeComplete || orig.state == TcpState.RESET || resp.state == TcpState.RESET;
    }

    /**
     * Processes one segment.
     *
     * @param fromOriginator direction relative to the current roles
     * @param payloadLength payload length per the headers
     * @param payloadCaptured payload bytes captured (fewer when the frame was cut by a snap length)
     */
    public void onSegment(long nowNanos, boolean fromOriginator, int flags, int seq, int ack, int window,
                          int payloadLength, MemorySegment data, long payloadOffset, int payloadCaptured) {
        TcpEndpoint endpoint = fromOriginator ? orig : resp;
        TcpEndpoint peer = endpoint.peer;
        boolean syn = (flags & TcpHeader.SYN) != 0;
        boolean fin = (flags & TcpHeader.FIN) != 0;
        boolean rst = (flags & TcpHeader.RST) != 0;
        boolean hasAck = (flags & TcpHeader.ACK) != 0;

        setPartialStatus(syn, hasAck, endpoint.originator);
        int segmentLength = payloadLength + (syn ? 1 : 0) + (fin ? 1 : 0) - (rst ? payloadLength : 0);
        int seqOnePast = seq + segmentLength;
        initEndpoint(endpoint, syn, seq, seqOnePast, nowNanos);

        boolean seqUnderflow = relative(endpoint, seq, endpoint.lastSeq, endpoint.seqWraps, relativeScratch);
        long relSeq = relativeScratch[0];
        updateHistory(syn, fin, rst, hasAck, endpoint, relSeq, payloadLength);
        if (window == 0 && !rst && peer.state != TcpState.CLOSED && endpoint.state != TcpState.RESET
                && endpoint.sawZeroWindow()) {
            history.add(endpoint.originator ? 'W' : 'w');
        }
        if (!orig.didClose || !resp.didClose) {
            lastNanos = nowNanos;
        }
        if (fin) {
            endpoint.finCount++;
            endpoint.finSeq = relSeq + segmentLength;
        }
        if (rst) {
            endpoint.rstCount++;
        }
        long relAck = 0;
        if (hasAck) {
            if (peer.state == TcpState.INACTIVE) {
                relAck = 1;
                peer.initStartSeq(ack - 1);
                peer.initAckSeq(ack - 1);
                peer.initLastSeq(ack - 1);
            } else {
                boolean ackUnderflow = relative(peer, ack, peer.ackSeq, peer.ackWraps, relativeScratch);
                if (ackUnderflow) {
                    relAck = 0;
                } else {
                    relAck = relativeScratch[0];
                    if (!rst) {
                        updateAckSeq(peer, ack);
                    }
                }
            }
        }
        int deltaLast = updateLastSeq(endpoint, seqOnePast, syn, fin, rst, payloadLength);
        endpoint.lastNanos = nowNanos;

        boolean doClose = updateStateMachine(nowNanos, endpoint, peer, seq, ack, payloadLength, deltaLast, syn, fin,
                rst, hasAck);
        // The flip above may have swapped orig and resp; endpoint and peer still name the same sides.
        if (hasAck) {
            ackReceived(peer, relAck);
        }
        long relDataSeq = syn ? relSeq + 1 : relSeq;
        if (payloadLength > 0 && payloadCaptured >= payloadLength && !rst && !seqUnderflow) {
            long acked = endpoint.toRelative(endpoint.ackSeq, endpoint.ackWraps);
            endpoint.dataSent(relDataSeq, data, payloadOffset, payloadLength, acked, endpoint);
        }
        checkEndOfStream(endpoint);
        if (doClose) {
            connectionClosed(endpoint, peer, nowNanos);
        }
        // Each side's first packet decides whether the connection is partial (Zeek's first_packet_seen).
        firstPacketSeen |= endpoint.originator ? 1 : 2;
    }

    private final long[] relativeScratch = new long[1];

    private void setPartialStatus(boolean syn, boolean ack, boolean originator) {
        if (originator) {
            if ((firstPacketSeen & 1) == 0) {
                partial = !syn || ack;
            }
        } else if ((firstPacketSeen & 2) == 0 && !partial) {
            partial = !syn;
        }
    }

    private static void initEndpoint(TcpEndpoint endpoint, boolean syn, int firstSeq, int lastSeq, long nowNanos) {
        switch (endpoint.state) {
            case TcpState.INACTIVE -> {
                if (syn) {
                    endpoint.initAckSeq(firstSeq);
                    endpoint.initStartSeq(firstSeq);
                    endpoint.initLastSeq(lastSeq);
                } else {
                    // Picked up mid-stream: number bytes as though a SYN had been seen.
                    endpoint.initAckSeq(firstSeq - 1);
                    endpoint.initStartSeq(firstSeq - 1);
                    endpoint.initLastSeq(firstSeq);
                }
                endpoint.startNanos = nowNanos;
            }
            case TcpState.SYN_SENT, TcpState.SYN_ACK_SENT -> {
                if (syn && firstSeq != endpoint.startSeq) {
                    endpoint.initStartSeq(firstSeq);
                    endpoint.initAckSeq(firstSeq);
                    endpoint.initLastSeq(lastSeq);
                }
            }
            case TcpState.ESTABLISHED, TcpState.PARTIAL -> {
                if (syn) {
                    endpoint.initStartSeq(firstSeq);
                    endpoint.initAckSeq(firstSeq);
                    endpoint.initLastSeq(lastSeq);
                }
            }
            case TcpState.RESET -> {
                if (syn && endpoint.previousState == TcpState.INACTIVE) {
                    endpoint.initStartSeq(firstSeq);
                    endpoint.initAckSeq(firstSeq);
                    endpoint.initLastSeq(lastSeq);
                }
            }
            default -> {
            }
        }
    }

    /** Relative sequence of {@code current} given the last one seen; returns true on underflow. */
    private static boolean relative(TcpEndpoint endpoint, int current, int last, int wraps, long[] out) {
        int delta = current - last;
        int w = wraps;
        if (delta < 0) {
            if (w != 0 && Integer.compareUnsigned(current, last) > 0) {
                w--;
            }
        } else if (delta > 0) {
            if (Integer.compareUnsigned(current, last) < 0) {
                w++;
            }
        }
        if (w == 0) {
            int fromStart = current - endpoint.startSeq;
            out[0] = fromStart;
            return fromStart < 0;
        }
        out[0] = endpoint.toRelative(current, w);
        return false;
    }

    private void updateHistory(boolean syn, boolean fin, boolean rst, boolean ack, TcpEndpoint endpoint, long relSeq,
                               int length) {
        boolean originator = endpoint.originator;
        int bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bits > 1) {
            if (fin && rst) {
                history.check(ConnectionHistory.FIN_RST, 'I', originator);
            } else {
                history.check(ConnectionHistory.MULTI_FLAG, 'Q', originator);
            }
        } else if (bits == 1) {
            if (syn) {
                char code = ack ? 'H' : 'S';
                if (history.check(ConnectionHistory.SYN, code, originator) && relSeq != endpoint.historyLastSyn) {
                    addEndpointLetter(code, originator);
                }
                endpoint.historyLastSyn = relSeq;
            }
            if (fin) {
                if (history.check(ConnectionHistory.FIN, 'F', originator) && relSeq + length != endpoint.historyLastFin) {
                    addEndpointLetter('F', originator);
                }
                endpoint.historyLastFin = relSeq + length;
            }
            if (rst) {
                if (history.check(ConnectionHistory.RST, 'R', originator) && relSeq != endpoint.historyLastRst) {
                    addEndpointLetter('R', originator);
                }
                endpoint.historyLastRst = relSeq;
            }
        } else if (length > 0) {
            history.check(ConnectionHistory.DATA, 'D', originator);
        } else if (ack) {
            history.check(ConnectionHistory.ACK, 'A', originator);
        }
    }

    private void addEndpointLetter(char code, boolean originator) {
        history.add(originator ? code : Character.toLowerCase(code));
    }

    private static void updateAckSeq(TcpEndpoint endpoint, int ack) {
        int delta = ack - endpoint.ackSeq;
        if (ack == 0 && delta > TOO_LARGE_SEQ_DELTA) {
            return; // more likely a broken ack than a huge connection that lands on zero
        }
        if (delta > 0) {
            endpoint.updateAckSeq(ack);
        }
    }

    private int updateLastSeq(TcpEndpoint endpoint, int lastSeq, boolean syn, boolean fin, boolean rst, int length) {
        int delta = lastSeq - endpoint.lastSeq;
        if ((syn || rst) && (delta > TOO_LARGE_SEQ_DELTA || delta < -TOO_LARGE_SEQ_DELTA)) {
            return delta; // not trusted
        }
        if (fin && endpoint.lastSeq == endpoint.startSeq + 1) {
            endpoint.updateLastSeq(lastSeq);
        } else if (endpoint.state == TcpState.RESET) {
            return delta;
        } else if (delta > 0) {
            endpoint.updateLastSeq(lastSeq);
        } else if (length > 0 && endpoint.retransmitted()) {
            history.add(endpoint.originator ? 'T' : 't');
        }
        return delta;
    }

    /** Returns whether the connection should be reported as closed by this packet. */
    private boolean updateStateMachine(long nowNanos, TcpEndpoint endpoint, TcpEndpoint peer, int seq, int ack,
                                       int length, int deltaLast, boolean syn, boolean fin, boolean rst, boolean hasAck) {
        return switch (endpoint.state) {
            case TcpState.INACTIVE -> updateInactive(nowNanos, endpoint, peer, seq, length, syn, fin, rst, hasAck);
            case TcpState.SYN_SENT, TcpState.SYN_ACK_SENT -> updateSynSent(endpoint, fin, rst);
            case TcpState.ESTABLISHED, TcpState.PARTIAL -> updateEstablished(endpoint, peer, syn, fin, rst, hasAck);
            case TcpState.CLOSED -> updateClosed(endpoint, rst);
            default -> false; // RESET: nothing changes any more
        };
    }

    private boolean updateInactive(long nowNanos, TcpEndpoint endpoint, TcpEndpoint peer, int seq, int length,
                                   boolean syn, boolean fin, boolean rst, boolean hasAck) {
        boolean doClose = false;
        if (syn) {
            if (endpoint.originator) {
                endpoint.setState(hasAck ? TcpState.SYN_ACK_SENT : TcpState.SYN_SENT);
                if (attemptStartNanos < 0) {
                    attemptStartNanos = nowNanos;
                }
            } else {
                if (!hasAck && peer.state == TcpState.SYN_ACK_SENT && seq == endpoint.startSeq) {
                    // SYN and SYN-ACK arrived reversed: the real originator is this endpoint.
                    partial = false;
                    flipRoles();
                    peer.setState(TcpState.ESTABLISHED);
                    firstPacketSeen |= endpoint.originator ? 1 : 2;
                }
                if (peer.state == TcpState.SYN_SENT) {
                    peer.setState(TcpState.ESTABLISHED);
                }
                endpoint.setState(TcpState.ESTABLISHED);
            }
        }
        if (fin) {
            endpoint.setState(TcpState.CLOSED);
            doClose = true;
        }
        if (rst) {
            endpoint.setState(TcpState.RESET);
            doClose = true;
        }
        if (endpoint.state == TcpState.INACTIVE) {
            if (!endpoint.originator && length == 0 && orig.state == TcpState.SYN_SENT) {
                // Some stacks ack a SYN before answering it; that alone is not a partial connection.
                return doClose;
            }
            if (hasAck && peer.state == TcpState.ESTABLISHED) {
                // A SYN-ACK was seen but its SYN was missed; this ACK completes the handshake.
                endpoint.setState(TcpState.ESTABLISHED);
                partial = false;
                firstPacketSeen |= endpoint.originator ? 1 : 2;
            } else {
                endpoint.setState(TcpState.PARTIAL);
            }
        }
        return doClose;
    }

    private static boolean updateSynSent(TcpEndpoint endpoint, boolean fin, boolean rst) {
        boolean doClose = false;
        if (fin) {
            endpoint.setState(TcpState.CLOSED);
            doClose = true;
        }
        if (rst) {
            endpoint.setState(TcpState.RESET);
            doClose = true;
        }
        return doClose;
    }

    private static boolean updateEstablished(TcpEndpoint endpoint, TcpEndpoint peer, boolean syn, boolean fin, boolean rst,
                                             boolean hasAck) {
        boolean doClose = false;
        if (syn && endpoint.state == TcpState.PARTIAL && peer.state == TcpState.INACTIVE && !hasAck) {
            endpoint.setState(TcpState.SYN_SENT);
        }
        if (fin && !rst) {
            endpoint.setState(TcpState.CLOSED);
            if (peer.state == TcpState.RESET && peer.previousState == TcpState.CLOSED) {
                // The peer sent FIN then RST: that was a normal close.
                peer.setState(TcpState.CLOSED);
            }
            doClose = true;
        }
        if (rst) {
            endpoint.setState(TcpState.RESET);
            doClose = true;
        }
        return doClose;
    }

    private static boolean updateClosed(TcpEndpoint endpoint, boolean rst) {
        if (rst && endpoint.peer.state != TcpState.CLOSED) {
            endpoint.setState(TcpState.RESET);
            return !endpoint.didClose;
        }
        return false;
    }

    private void flipRoles() {
        TcpEndpoint previousOrig = orig;
        orig = resp;
        resp = previousOrig;
        orig.originator = true;
        resp.originator = false;
        firstPacketSeen = ((firstPacketSeen & 1) != 0 ? 2 : 0) | ((firstPacketSeen & 2) != 0 ? 1 : 0);
        partial = false;
        history.flipSeen();
        history.add('^');
        owner.flipRoles();
    }

    private void ackReceived(TcpEndpoint endpoint, long relAck) {
        long seq = relAck;
        if (endpoint.finCount > 0 && seq >= endpoint.finSeq) {
            seq = endpoint.finSeq - 1;
        }
        endpoint.ackReceived(seq, partial, endpoint);
        checkEndOfStream(endpoint);
    }

    private boolean dataPending(TcpEndpoint endpoint) {
        long delivered = endpoint.startSeqFull() + endpoint.lastReassembledSeq();
        long last = TcpEndpoint.fullSeq(endpoint.lastSeq, endpoint.seqWraps);
        if (last < delivered) {
            return false;
        }
        return delivered != last - 1 && delivered != last;
    }

    private void checkEndOfStream(TcpEndpoint endpoint) {
        if (!endpoint.didEndOfStream
                && (endpoint.finCount > 0 || endpoint.state == TcpState.CLOSED || endpoint.state == TcpState.RESET)
                && !dataPending(endpoint)) {
            endpoint.didEndOfStream = true;
            if (closeDeferred) {
                closeDeferred = false;
                connectionClosed(endpoint, endpoint.peer, endpoint.lastNanos);
            }
        }
    }

    private void connectionClosed(TcpEndpoint endpoint, TcpEndpoint peer, long nowNanos) {
        if (dataPending(endpoint)) {
            closeDeferred = true;
            return;
        }
        closeDeferred = false;
        if (endpoint.didClose) {
            return;
        }
        endpoint.didClose = true;
        boolean complete = endpoint.state == TcpState.RESET || peer.didClose || peer.state == TcpState.INACTIVE;
        if (complete) {
            closeComplete = true;
            closeNanos = lastNanos;
        } else {
            halfClosed = true;
            closeNanos = lastNanos;
        }
    }

    /** Zeek's {@code conn_state} for this connection, given its history text. */
    public String connState() {
        int os = orig.state;
        int rs = resp.state;
        boolean origInactive = os == TcpState.INACTIVE || os == TcpState.PARTIAL;
        boolean respInactive = rs == TcpState.INACTIVE || rs == TcpState.PARTIAL;
        if (rs == TcpState.RESET) {
            if (os == TcpState.SYN_SENT || os == TcpState.SYN_ACK_SENT
                    || (os == TcpState.RESET && orig.size() == 0 && resp.size() == 0)) {
                return "REJ";
            }
            return origInactive ? "RSTRH" : "RSTR";
        }
        if (os == TcpState.RESET) {
            if (respInactive) {
                return looksLikeSynThenReset() ? "RSTOS0" : "OTH";
            }
            return "RSTO";
        }
        if (rs == TcpState.CLOSED && os == TcpState.CLOSED) {
            return "SF";
        }
        if (os == TcpState.CLOSED) {
            return respInactive ? "SH" : "S2";
        }
        if (rs == TcpState.CLOSED) {
            return origInactive ? "SHR" : "S3";
        }
        if (os == TcpState.SYN_SENT && rs == TcpState.INACTIVE) {
            return "S0";
        }
        if (os == TcpState.ESTABLISHED && rs == TcpState.ESTABLISHED) {
            return "S1";
        }
        return "OTH";
    }

    /** Zeek's pattern {@code ^?S[^HAFGIQ]*R.*} over the history. */
    private boolean looksLikeSynThenReset() {
        int i = 0;
        int n = history.length();
        if (i < n && history.charAt(i) == '^') {
            i++;
        }
        if (i >= n || history.charAt(i) != 'S') {
            return false;
        }
        for (i++; i < n; i++) {
            char c = history.charAt(i);
            if (c == 'R') {
                return true;
            }
            if ("HAFGIQ".indexOf(c) >= 0) {
                return false;
            }
        }
        return false;
    }

    /** In-order bytes from one endpoint's reassembler, handed to the owner. */
    void deliver(TcpEndpoint endpoint, MemorySegment data, long offset, int length) {
        owner.onStreamData(endpoint.originator, data, offset, length);
    }

    /** A gap in one endpoint's stream: a history letter and missed bytes when both sides are open. */
    void gap(TcpEndpoint endpoint, long sequence, long length) {
        boolean counted = cleanlyOpen(endpoint) && cleanlyOpen(endpoint.peer);
        if (counted && endpoint.sawGap()) {
            history.add(endpoint.originator ? 'G' : 'g');
        }
        owner.onStreamGap(endpoint.originator, sequence, length, counted);
    }

    private static boolean cleanlyOpen(TcpEndpoint e) {
        return e.state == TcpState.ESTABLISHED || (e.state == TcpState.CLOSED && e.previousState == TcpState.ESTABLISHED);
    }
}
