package io.telltale.analysis.event;

/** Consumes events on the thread that drains them; {@link #endOfBatch} is the flush point. */
@FunctionalInterface
public interface EventSink {

    void accept(MonitorEvent event);

    default void endOfBatch() {
    }
}
