package io.telltale.capture.stream;

import io.telltale.capture.range.RangeSet;
import java.lang.foreign.MemorySegment;

/**
 * Reassembles one direction of a TCP connection in relative sequence space (1 = first byte after
 * the SYN), with Zeek's reassembler semantics: data is delivered as soon as it is contiguous; data
 * above a hole waits in a bounded ring buffer; an acknowledgment above data never seen turns the hole
 * into a gap ({@link #ackReceived}). Duplicate bytes keep their first copy.
 *
 * <p>Not final: a TCP endpoint extends it so that its sequence state and its reassembler are one
 * object, which saves a cache miss on every packet of a busy table.
 */
public class StreamReassembler {

    /** Out-of-order blocks kept per direction; a segment that would need more is dropped. */
    static final int MAX_BLOCKS = 32;

    private final ReassemblyBudget budget;
    /** Out-of-order bytes held; created on the first out-of-order segment and kept: most streams never need it. */
    private RangeSet blocks;
    private byte[] buffer;
    private MemorySegment bufferView;
    private long lastReassembledSeq;
    private long trimmedSeq;
    private long droppedSegments;
    private boolean hadGap;

    public StreamReassembler(ReassemblyBudget budget) {
        this.budget = budget;
        reset();
    }

    /** Forgets everything, returning the buffer to the budget; used when a flow slot is reused. */
    public void reset() {
        releaseBuffer();
        if (blocks != null) {
            blocks.clear();
        }
        lastReassembledSeq = 1;
        trimmedSeq = 1;
        droppedSegments = 0;
        hadGap = false;
    }

    /** The next relative sequence number to deliver. */
    public long lastReassembledSeq() {
        return lastReassembledSeq;
    }

    public boolean hadGap() {
        return hadGap;
    }

    /** Segments dropped for lack of buffer or block room. */
    public long droppedSegments() {
        return droppedSegments;
    }

    public boolean hasBufferedData() {
        return blocks != null && !blocks.isEmpty();
    }

    /**
     * New payload at relative sequence {@code seq}. Bytes below {@code ackedSeq} (already acknowledged
     * by the peer, so they were delivered or declared missing) are ignored.
     */
    public void dataSent(long seq, MemorySegment data, long offset, int length, long ackedSeq, StreamListener listener) {
        long start = seq;
        long end = seq + length;
        if (start < ackedSeq) {
            if (end <= ackedSeq) {
                return;
            }
            offset += ackedSeq - start;
            start = ackedSeq;
        }
        if (end <= lastReassembledSeq) {
            return;
        }
        if (start <= lastReassembledSeq) {
            // Deliver the new bytes, except where a buffered block already holds them: first copy wins.
            long cursor = lastReassembledSeq;
            while (cursor < end) {
                boolean held = hasBufferedData();
                if (held && blocks.start(0) <= cursor) {
                    if (blocks.end(0) > cursor) {
                        deliverFromBuffer(cursor, blocks.end(0), listener);
                        cursor = blocks.end(0);
                    }
                    blocks.removeFirst();
                    continue;
                }
                long stop = held ? Math.min(end, blocks.start(0)) : end;
                listener.onData(data, offset + (cursor - start), (int) (stop - cursor));
                cursor = stop;
            }
            lastReassembledSeq = cursor;
            deliverBuffered(listener);
            return;
        }
        store(start, end, data, offset);
    }

    private void store(long start, long end, MemorySegment data, long offset) {
        int window = budget.bufferLength();
        if (end - lastReassembledSeq > window) {
            droppedSegments++;
            return;
        }
        if (blocks == null) {
            blocks = new RangeSet(MAX_BLOCKS);
        }
        if (buffer == null) {
            buffer = budget.borrow();
            if (buffer == null) {
                droppedSegments++;
                return;
            }
            bufferView = ReassemblyBudget.view(buffer);
        }
        // Copy only the bytes no earlier block holds: the first copy of a byte wins.
        long cursor = start;
        int i = 0;
        while (i < blocks.size() && blocks.end(i) <= start) {
            i++;
        }
        for (int j = i; j < blocks.size() && blocks.start(j) < end && cursor < end; j++) {
            if (blocks.start(j) > cursor) {
                copyIn(data, offset + (cursor - start), cursor, (int) (blocks.start(j) - cursor));
            }
            cursor = Math.max(cursor, blocks.end(j));
        }
        if (cursor < end) {
            copyIn(data, offset + (cursor - start), cursor, (int) (end - cursor));
        }
        if (blocks.add(start, end) == RangeSet.FULL) {
            // The bytes copied above sit outside every block, so nothing will read them.
            droppedSegments++;
        }
    }

    private void copyIn(MemorySegment data, long offset, long seq, int length) {
        int mask = buffer.length - 1;
        int at = (int) (seq & mask);
        int first = Math.min(length, buffer.length - at);
        MemorySegment.copy(data, offset, bufferView, at, first);
        if (first < length) {
            MemorySegment.copy(data, offset + first, bufferView, 0, length - first);
        }
    }

    /** Delivers buffered blocks that have become contiguous with the stream. */
    private void deliverBuffered(StreamListener listener) {
        while (hasBufferedData() && blocks.start(0) <= lastReassembledSeq) {
            if (blocks.end(0) > lastReassembledSeq) {
                deliverFromBuffer(lastReassembledSeq, blocks.end(0), listener);
                lastReassembledSeq = blocks.end(0);
            }
            blocks.removeFirst();
        }
        if (!hasBufferedData()) {
            releaseBuffer();
        }
    }

    private void deliverFromBuffer(long from, long to, StreamListener listener) {
        int mask = buffer.length - 1;
        int at = (int) (from & mask);
        int length = (int) (to - from);
        int first = Math.min(length, buffer.length - at);
        listener.onData(bufferView, at, first);
        if (first < length) {
            listener.onData(bufferView, 0, length - first);
        }
    }

    private void releaseBuffer() {
        if (buffer != null) {
            budget.giveBack(buffer);
            buffer = null;
            bufferView = null;
        }
    }

    /**
     * The peer acknowledged everything below {@code seq}. Data below it that never arrived is a gap:
     * it is reported to {@code listener} and counted; buffered blocks below it are delivered.
     *
     * @param ignoreStartOfPartial true for a connection picked up without its handshake, where an
     *     acknowledgment of sequence 1 or 2 only reflects the made-up initial sequence number
     * @return the number of bytes declared missing
     */
    public long ackReceived(long seq, boolean ignoreStartOfPartial, StreamListener listener) {
        if (seq <= trimmedSeq) {
            return 0;
        }
        long missing = 0;
        if (seq > lastReassembledSeq && !(seq <= 2 && ignoreStartOfPartial)) {
            while (hasBufferedData() && blocks.start(0) < seq) {
                if (blocks.start(0) > lastReassembledSeq) {
                    long gap = blocks.start(0) - lastReassembledSeq;
                    gap(lastReassembledSeq, gap, listener);
                    missing += gap;
                    lastReassembledSeq = blocks.start(0);
                }
                deliverBuffered(listener);
            }
            if (seq > lastReassembledSeq) {
                long gap = seq - lastReassembledSeq;
                gap(lastReassembledSeq, gap, listener);
                missing += gap;
                lastReassembledSeq = seq;
            }
        }
        trimmedSeq = seq;
        return missing;
    }

    private void gap(long seq, long length, StreamListener listener) {
        hadGap = true;
        listener.onGap(seq, length);
    }

    /** True when bytes up to {@code lastSeenSeq} have not all been delivered (a hole is open). */
    public boolean dataPending(long lastSeenSeq) {
        if (lastSeenSeq < lastReassembledSeq) {
            return false;
        }
        return lastReassembledSeq != lastSeenSeq - 1 && lastReassembledSeq != lastSeenSeq;
    }
}
