package io.telltale.capture.source;

import java.lang.foreign.MemorySegment;

/**
 * Receives frames from a {@link PacketSource}. The frame is the range {@code [offset, offset +
 * capturedLength)} of {@code data}; it is valid only during the call. Passing the backing segment and
 * an offset, rather than a slice, keeps the hot path free of per-packet allocation.
 */
@FunctionalInterface
public interface PacketHandler {

    /**
     * @param timestampNanos capture time in nanoseconds since the Unix epoch
     * @param wireLength length of the frame on the wire (at least {@code capturedLength})
     * @param data the segment that holds the frame (a file mapping, a ring block, a buffer)
     * @param offset where the frame's link-layer header starts in {@code data}
     * @param capturedLength number of bytes captured
     * @param linkType the libpcap LINKTYPE number of this frame
     */
    void onPacket(long timestampNanos, int wireLength, MemorySegment data, long offset, int capturedLength, int linkType);
}
