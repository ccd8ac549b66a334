package io.telltale.capture.flow.tcp;

import io.telltale.capture.stream.ReassemblyBudget;
import io.telltale.capture.stream.StreamReassembler;

/**
 * One side of a TCP connection: its state, the sequence numbers it has used (kept as unsigned 32-bit
 * values plus a wrap count, as Zeek keeps them) and the reassembler of the bytes it sends.
 */
public final class TcpEndpoint {

    int state;
    int previousState;
    boolean originator;
    TcpEndpoint peer;

    int startSeq;
    int lastSeq;
    int ackSeq;
    int seqWraps;
    int ackWraps;

    int finCount;
    int rstCount;
    long finSeq;
    long historyLastSyn;
    long historyLastFin;
    long historyLastRst;
    boolean didClose;
    boolean didEndOfStream;
    long startNanos;
    long lastNanos;

    final ConnectionHistory.ScaledCounter retransmissions = new ConnectionHistory.ScaledCounter();
    final ConnectionHistory.ScaledCounter zeroWindows = new ConnectionHistory.ScaledCounter();
    final ConnectionHistory.ScaledCounter gaps = new ConnectionHistory.ScaledCounter();
    final StreamReassembler reassembler;

    TcpEndpoint(ReassemblyBudget budget) {
        this.reassembler = new StreamReassembler(budget);
    }

    void reset(boolean originator) {
        this.state = TcpState.INACTIVE;
        this.previousState = TcpState.INACTIVE;
        this.originator = originator;
        this.startSeq = 0;
        this.lastSeq = 0;
        this.ackSeq = 0;
        this.seqWraps = 0;
        this.ackWraps = 0;
        this.finCount = 0;
        this.rstCount = 0;
        this.finSeq = 0;
        this.historyLastSyn = 0;
        this.historyLastFin = 0;
        this.historyLastRst = 0;
        this.didClose = false;
        this.didEndOfStream = false;
        this.startNanos = 0;
        this.lastNanos = 0;
        retransmissions.reset();
        zeroWindows.reset();
        gaps.reset();
        reassembler.reset();
    }

    public int state() {
        return state;
    }

    void setState(int newState) {
        if (newState != state) {
            previousState = state;
            state = newState;
        }
    }

    void initStartSeq(int seq) {
        startSeq = seq;
    }

    void initLastSeq(int seq) {
        lastSeq = seq;
    }

    void initAckSeq(int seq) {
        ackSeq = seq;
    }

    void updateLastSeq(int seq) {
        if (Integer.compareUnsigned(seq, lastSeq) < 0) {
            seqWraps++;
        }
        lastSeq = seq;
    }

    void updateAckSeq(int seq) {
        if (Integer.compareUnsigned(seq, ackSeq) < 0) {
            ackWraps++;
        }
        ackSeq = seq;
    }

    static long fullSeq(int seq, int wraps) {
        return ((long) wraps << 32) | Integer.toUnsignedLong(seq);
    }

    long startSeqFull() {
        return Integer.toUnsignedLong(startSeq);
    }

    long toRelative(int seq, int wraps) {
        return fullSeq(seq, wraps) - startSeqFull();
    }

    /** True when the peer has acknowledged nothing beyond the SYN. */
    boolean noDataAcked() {
        long ack = fullSeq(ackSeq, ackWraps);
        long start = startSeqFull();
        return ack == start || ack == start + 1;
    }

    /** Payload bytes sent, from sequence numbers (Zeek's endpoint {@code size}). */
    public long size() {
        if (previousState == TcpState.SYN_SENT && state == TcpState.RESET && peer.state == TcpState.INACTIVE
                && !noDataAcked()) {
            // A half-open connection that was discovered and aborted: its numbers say nothing.
            return 0;
        }
        long last = fullSeq(lastSeq, seqWraps);
        long ack = fullSeq(ackSeq, ackWraps);
        long size = (last > ack ? last : ack) - startSeqFull();
        if (size != 0) {
            size--; // the SYN's sequence number
        }
        if (finCount > 0 && size != 0) {
            size--; // the FIN's
        }
        return size;
    }
}
