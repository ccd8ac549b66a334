package io.telltale.analysis.event;

/** Everything a worker hands to the sinks. */
public sealed interface MonitorEvent permits FlowEvent, ProtocolRecord, Alert, AssetChange {
}
