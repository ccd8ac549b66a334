package io.telltale.analysis.pipeline;

import io.telltale.analysis.event.EventSink;
import io.telltale.capture.flow.Flow;
import java.lang.foreign.MemorySegment;

/**
 * Sees the payloads a worker meters — each TCP stream chunk in order up to {@link #DEPTH} bytes a
 * direction, each UDP datagram, each ICMP message — beside the dissectors: the packet path of the signature rules, which analysis does not
 * know (DESIGN §3: the dependency points the other way). One per worker, called on its thread; what
 * it finds leaves as events through the worker's sink. It must not keep {@code data} past the call.
 */
public interface PayloadInspector {

    /**
     * Bytes of each direction of a flow it is shown, as Suricata's default stream reassembly depth:
     * what a rule looks for (a request, a handshake, a command) is at the start of a conversation,
     * and the bulk of a transfer is left to the dissectors and the content scan.
     */
    long DEPTH = 1 << 20;

    void onPayload(Flow flow, boolean fromOriginator, boolean stream, MemorySegment data, long offset, int length, long nowNanos,
                   EventSink sink);

    /** An ICMP message: its type, code and payload (after the ICMP header). */
    default void onIcmp(Flow flow, boolean fromOriginator, int type, int code, MemorySegment data, long offset, int length,
                        long nowNanos, EventSink sink) {
    }

    /** The flow ended: what the inspector keeps for it goes. */
    default void onFlowEnd(Flow flow) {
    }
}
