package io.telltale.analysis.pipeline;

import io.telltale.analysis.dissect.DissectorSession;

/** Analysis state of one flow slot: whether its protocol is decided, and its dissector session. */
final class FlowAnalysis {

    /** Payloads looked at before giving up on recognising the protocol. */
    static final int MAX_PROBES = 4;

    long flowId;
    boolean decided;
    int probes;
    DissectorSession session;

    void reset(long flowId) {
        this.flowId = flowId;
        this.decided = false;
        this.probes = 0;
        this.session = null;
    }
}
