package io.telltale.capture.flow;

/** Receives flow records on the worker thread; implementations hand them on without blocking. */
@FunctionalInterface
public interface FlowRecordSink {

    void onFlowRecord(FlowRecord record);
}
