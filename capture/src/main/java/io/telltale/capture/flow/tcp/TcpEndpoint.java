package io.telltale.capture.flow.tcp;

import io.telltale.capture.stream.ReassemblyBudget;
import io.telltale.capture.stream.StreamListener;
import io.telltale.capture.stream.StreamReassembler;
import java.lang.foreign.MemorySegment;

/**
 * One side of a TCP connection: its state, the sequence numbers it has used (kept as unsigned 32-bit
 * values plus a wrap count, as Zeek keeps them) and, as its superclass, the reassembler of the bytes
 * it sends, which reports back to this endpoint. One object per side keeps a packet's work in few
 * cache lines.
 */
public final class TcpEndpoint extends StreamReassembler implements StreamListener {

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

    /** Retransmissions, zero windows and gaps: history letters repeat at 1, 10, 100 ... occurrences. */
    private long retransmissions;
    private long retransmissionThreshold;
    private long zeroWindows;
    private long zeroWindowThreshold;
    private long gaps;
    private long gapThreshold;

    private final TcpConnection connection;

    TcpEndpoint(ReassemblyBudget budget, TcpConnection connection) {
        super(budget);
        this.connection = connection;
    }

    /** Counts a retransmission; true when the history letter is due. */
    boolean retransmitted() {
        if (++retransmissions == retransmissionThreshold) {
            retransmissionThreshold = next(retransmissionThreshold);
            return true;
        }
        return false;
    }

    boolean sawZeroWindow() {
        if (++zeroWindows == zeroWindowThreshold) {
            zeroWindowThreshold = next(zeroWindowThreshold);
            return true;
        }
        return false;
    }

    boolean sawGap() {
        if (++gaps == gapThreshold) {
            gapThreshold = next(gapThreshold);
            return true;
        }
        return false;
    }

    private static long next(long threshold) {
        return threshold * 10 > threshold ? threshold * 10 : threshold;
    }

    @Override
    public void onData(MemorySegment data, long offset, int length) {
        connection.deliver(this, data, offset, length);
    }

    @Override
    public void onGap(long sequence, long length) {
        connection.gap(this, sequence, length);
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
        this.retransmissions = 0;
        this.retransmissionThreshold = 1;
        this.zeroWindows = 0;
        this.zeroWindowThreshold = 1;
        this.gaps = 0;
        this.gapThreshold = 1;
        reset();
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
