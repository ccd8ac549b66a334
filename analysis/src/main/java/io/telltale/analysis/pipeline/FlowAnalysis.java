package io.telltale.analysis.pipeline;

import io.telltale.analysis.dissect.DissectorSession;

/**
 * Analysis state of one flow, attached to it while its protocol is sought and once it is found: the
 * payloads probed so far and the dissector session. Allocated once per flow that carries payload.
 */
final class FlowAnalysis {

    /** Payloads looked at before giving up on recognising the protocol. */
    static final int MAX_PROBES = 4;

    /**
     * The same for a connection picked up mid-stream: its first payloads are usually the rest of
     * messages already under way (a large response), and the next message start may come much later.
     */
    static final int MAX_MID_STREAM_PROBES = 32;

    int probes;
    /** No protocol was recognised: the payload goes to the content scan only. */
    boolean unrecognised;
    /** Whether the payload is searched for sensitive data (not for encrypted protocols, nor DICOM, judged by its records). */
    boolean scanContent = true;
    io.telltale.analysis.content.ContentScan content;
    DissectorSession session;
    /** The protocol of {@link #session}: weird.log names it as the source. */
    String protocol;
    /** Payload bytes each direction has shown the inspector: it sees the first {@link PayloadInspector#DEPTH} of each. */
    long inspectedFromOriginator;
    long inspectedFromResponder;
}
