package io.telltale.capture.decode.fragment;

import io.telltale.capture.range.RangeSet;
import java.lang.foreign.MemorySegment;

/** One datagram being put together: its key, received byte ranges and a pooled buffer. */
final class PendingDatagram {

    /** Room for the staging slot of the header (256 bytes) and 65535 bytes of payload. */
    static final int BUFFER_LENGTH = 256 + 65_535;

    final byte[] buffer = new byte[BUFFER_LENGTH];
    final MemorySegment segment = MemorySegment.ofArray(buffer);
    /** Payload bytes received so far. */
    final RangeSet received;
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
        received = new RangeSet(maxFragments);
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
        received.clear();
    }

    boolean matches(int ipVersion, long srcHigh, long srcLow, long dstHigh, long dstLow, int identification, int protocol) {
        return inUse && this.identification == identification && this.srcLow == srcLow && this.dstLow == dstLow
                && this.srcHigh == srcHigh && this.dstHigh == dstHigh && this.protocol == protocol
                && this.ipVersion == ipVersion;
    }

    boolean complete() {
        return payloadLength >= 0 && headerLength > 0 && received.size() == 1 && received.start(0) == 0
                && received.end(0) >= payloadLength;
    }
}
