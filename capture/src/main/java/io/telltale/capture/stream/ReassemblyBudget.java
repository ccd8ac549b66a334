package io.telltale.capture.stream;

import java.lang.foreign.MemorySegment;

/**
 * The out-of-order buffers all reassemblers of one worker may use. Buffers are allocated on first
 * need, up to {@code maxBuffers}, and reused afterwards: steady state allocates nothing. When none is
 * free, out-of-order data is dropped and counted; if it is never retransmitted it becomes a gap.
 */
public final class ReassemblyBudget {

    private final int bufferLength;
    private final byte[][] free;
    private final int maxBuffers;
    private int freeCount;
    private int allocated;
    private long refusals;

    public ReassemblyBudget(int bufferLength, int maxBuffers) {
        if (Integer.bitCount(bufferLength) != 1) {
            throw new IllegalArgumentException("reassembly buffer length must be a power of two: " + bufferLength);
        }
        this.bufferLength = bufferLength;
        this.maxBuffers = maxBuffers;
        this.free = new byte[Math.max(1, Math.min(maxBuffers, 1 << 16))][];
    }

    public int bufferLength() {
        return bufferLength;
    }

    /** A buffer, or null when the budget is spent. */
    byte[] borrow() {
        if (freeCount > 0) {
            byte[] buffer = free[--freeCount];
            free[freeCount] = null;
            return buffer;
        }
        if (allocated < maxBuffers) {
            allocated++;
            return new byte[bufferLength];
        }
        refusals++;
        return null;
    }

    void giveBack(byte[] buffer) {
        if (freeCount < free.length) {
            free[freeCount++] = buffer;
        } else {
            allocated--;
        }
    }

    /** Bytes held by buffers that exist (in use or free). */
    public long bytesAllocated() {
        return (long) allocated * bufferLength;
    }

    /** Times a reassembler wanted a buffer and none was left. */
    public long refusals() {
        return refusals;
    }

    static MemorySegment view(byte[] buffer) {
        return MemorySegment.ofArray(buffer);
    }
}
