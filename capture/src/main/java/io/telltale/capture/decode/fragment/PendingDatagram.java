package io.telltale.capture.decode.fragment;

import java.lang.foreign.MemorySegment;

/** One datagram being put together: its key, received byte ranges and a pooled buffer. */
final class PendingDatagram {

    /** Room for the largest IPv6 datagram we rebuild: fixed header plus 65535 bytes of payload. */
    static final int BUFFER_LENGTH = 40 + 65_535 + 64;

    final byte[] buffer = new byte[BUFFER_LENGTH];
    final MemorySegment segment = MemorySegment.ofArray(buffer);
    final int[] rangeStart;
    final int[] rangeEnd;
    int ranges;
    boolean inUse;

    int ipVersion;
    long srcHigh;
    long srcLow;
    long dstHigh;
    long dstLow;
    int identification;
    int protocol;
    long firstSeenNanos;
    /** Length of the rebuilt header placed before the payload in {@link #buffer}, 0 until fragment 0 arrives. */
    int headerLength;
    /** Payload length once the last fragment has been seen, else -1. */
    int payloadLength;

    PendingDatagram(int maxFragments) {
        rangeStart = new int[maxFragments];
        rangeEnd = new int[maxFragments];
    }

    void start(int ipVersion, long srcHigh, long srcLow, long dstHigh, long dstLow, int identification, int protocol,
               long nowNanos) {
        this.inUse = true;
        this.ipVersion = ipVersion;
        this.srcHigh = srcHigh;
        this.srcLow = srcLow;
        this.dstHigh = dstHigh;
        this.dstLow = dstLow;
        this.identification = identification;
        this.protocol = protocol;
        this.firstSeenNanos = nowNanos;
        this.headerLength = 0;
        this.payloadLength = -1;
        this.ranges = 0;
    }

    boolean matches(int ipVersion, long srcHigh, long srcLow, long dstHigh, long dstLow, int identification, int protocol) {
        return inUse && this.identification == identification && this.srcLow == srcLow && this.dstLow == dstLow
                && this.srcHigh == srcHigh && this.dstHigh == dstHigh && this.protocol == protocol
                && this.ipVersion == ipVersion;
    }

    /**
     * Records that payload bytes [start, end) arrived. Returns false when they overlap bytes already
     * held (the first copy wins, as most stacks do) or when there is no room for another range.
     */
    boolean addRange(int start, int end) {
        boolean overlap = false;
        int i = 0;
        while (i < ranges && rangeEnd[i] < start) {
            i++;
        }
        // Merge every range that touches [start, end).
        int mergedStart = start;
        int mergedEnd = end;
        int j = i;
        while (j < ranges && rangeStart[j] <= end) {
            if (rangeStart[j] < end && rangeEnd[j] > start) {
                overlap = true;
            }
            mergedStart = Math.min(mergedStart, rangeStart[j]);
            mergedEnd = Math.max(mergedEnd, rangeEnd[j]);
            j++;
        }
        int removed = j - i;
        if (removed == 0) {
            if (ranges == rangeStart.length) {
                return false;
            }
            System.arraycopy(rangeStart, i, rangeStart, i + 1, ranges - i);
            System.arraycopy(rangeEnd, i, rangeEnd, i + 1, ranges - i);
            ranges++;
        } else if (removed > 1) {
            System.arraycopy(rangeStart, j, rangeStart, i + 1, ranges - j);
            System.arraycopy(rangeEnd, j, rangeEnd, i + 1, ranges - j);
            ranges -= removed - 1;
        }
        rangeStart[i] = mergedStart;
        rangeEnd[i] = mergedEnd;
        return !overlap;
    }

    boolean complete() {
        return payloadLength >= 0 && headerLength > 0 && ranges == 1 && rangeStart[0] == 0 && rangeEnd[0] >= payloadLength;
    }
}
