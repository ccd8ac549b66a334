package io.telltale.capture.flow;

/** Why a flow record was written. */
public enum FlowEndReason {
    /** TCP closed (FIN/RST) and the linger time passed, or a TCP attempt got no answer. */
    CLOSED,
    /** No packet for the idle timeout of its protocol. */
    IDLE,
    /** A new connection reused the 5-tuple (a SYN after the old one ended). */
    REUSED,
    /** The table was full and this was the least recently active flow. */
    EVICTED,
    /** The input ended (end of file, shutdown). */
    END_OF_INPUT,
    /** Not an end: an interim record of a flow that is still active (active timeout). */
    ACTIVE_TIMEOUT
}
