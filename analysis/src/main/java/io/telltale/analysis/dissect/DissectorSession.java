package io.telltale.analysis.dissect;

import io.telltale.analysis.event.EventSink;
import java.lang.foreign.MemorySegment;

/**
 * Per-flow state of one dissector. Receives TCP payload in order (split anywhere) or whole datagrams;
 * writes records to the sink. Never throws: malformed input is counted through {@link #anomalies()}.
 */
public interface DissectorSession {

    /**
     * @param stream true when the bytes continue a TCP stream (and may split a message anywhere)
     */
    void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                   boolean stream, EventSink out);

    /** Stream bytes that were never captured: the session resynchronises or gives up on the direction. */
    default void onGap(boolean fromOriginator, long length) {
    }

    /** The flow ended: emit whatever is pending. */
    default void onEnd(long timestampNanos, EventSink out) {
    }

    /** Malformed messages seen so far. */
    long anomalies();
}
