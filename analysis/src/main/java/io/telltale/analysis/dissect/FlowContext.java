package io.telltale.analysis.dissect;

import io.telltale.capture.flow.Flow;

/**
 * What a dissector session may know of its flow: its identity for records, whether it is TCP, and
 * whether the connection was picked up mid-stream (so its first bytes may lie inside a message). One
 * per flow, made when the protocol is recognised.
 */
public record FlowContext(long flowId, boolean tcp, String originatorHost, int originatorPort, String responderHost,
                          int responderPort, boolean midStream) {

    public static FlowContext of(Flow flow) {
        return new FlowContext(flow.id(), flow.protocol() == 6,
                io.telltale.capture.flow.Addresses.text(flow.originatorHigh(), flow.originatorLow()), flow.originatorPort(),
                io.telltale.capture.flow.Addresses.text(flow.responderHigh(), flow.responderLow()), flow.responderPort(),
                !flow.sawStart());
    }
}
