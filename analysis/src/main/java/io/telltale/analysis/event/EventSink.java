package io.telltale.analysis.event;

/** Consumes events on the thread that drains them; {@link #endOfBatch} is the flush point. */
@FunctionalInterface
public interface EventSink {

    void accept(MonitorEvent event);

    default void endOfBatch() {
    }

    /** Both sinks, in this order, for every event and every end of batch. */
    static EventSink both(EventSink first, EventSink second) {
        return new EventSink() {
            @Override
            public void accept(MonitorEvent event) {
                first.accept(event);
                second.accept(event);
            }

            @Override
            public void endOfBatch() {
                first.endOfBatch();
                second.endOfBatch();
            }
        };
    }
}
