package io.telltale.capture.flow;

import java.lang.foreign.MemorySegment;

/** Receives the reassembled payload of TCP flows, in order per direction, on the worker thread. */
public interface StreamHandler {

    StreamHandler NONE = new StreamHandler() {
    };

    /** In-order bytes; the segment range is valid only during the call. */
    default void onStreamData(Flow flow, boolean fromOriginator, MemorySegment data, long offset, int length) {
    }

    /** Bytes of the stream that were never captured. */
    default void onStreamGap(Flow flow, boolean fromOriginator, long sequence, long length) {
    }
}
