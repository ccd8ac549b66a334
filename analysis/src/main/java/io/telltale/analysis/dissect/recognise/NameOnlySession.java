package io.telltale.analysis.dissect.recognise;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.event.EventSink;
import java.lang.foreign.MemorySegment;

/** The session of a protocol that is only named: it reads nothing further and costs nothing per packet. */
final class NameOnlySession implements DissectorSession {

    static final NameOnlySession INSTANCE = new NameOnlySession();

    private NameOnlySession() {
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                          boolean stream, EventSink out) {
        // named by the probe; nothing more to read
    }

    @Override
    public long anomalies() {
        return 0;
    }
}
