package io.telltale.analysis.pipeline;

import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.MonitorEvent;

/**
 * Several workers' events into one sink, one at a time. Events are made per flow and per protocol
 * message, never per packet, so this lock is off the packet path.
 */
public final class SerialSink implements EventSink {

    private final EventSink sink;

    public SerialSink(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void accept(MonitorEvent event) {
        sink.accept(event);
    }

    @Override
    public synchronized void endOfBatch() {
        sink.endOfBatch();
    }
}
