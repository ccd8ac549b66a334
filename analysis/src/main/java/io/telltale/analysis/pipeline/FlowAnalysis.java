package io.telltale.analysis.pipeline;

import io.telltale.analysis.dissect.DissectorSession;

/**
 * Analysis state of one flow, attached to it while its protocol is sought and once it is found: the
 * payloads probed so far and the dissector session. Allocated once per flow that carries payload.
 */
final class FlowAnalysis {

    /** Payloads looked at before giving up on recognising the protocol. */
    static final int MAX_PROBES = 4;

    int probes;
    DissectorSession session;
}
