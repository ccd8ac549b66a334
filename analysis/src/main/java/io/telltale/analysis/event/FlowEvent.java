package io.telltale.analysis.event;

import io.telltale.capture.flow.FlowRecord;

/** A flow record leaving the worker. */
public record FlowEvent(FlowRecord flow) implements MonitorEvent {
}
