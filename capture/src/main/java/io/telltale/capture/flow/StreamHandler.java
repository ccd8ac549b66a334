package io.telltale.capture.flow;

import java.lang.foreign.MemorySegment;

/**
 * Receives what flows carry, on the worker thread: the reassembled payload of TCP flows in order per
 * direction, the payload of each UDP datagram, and the end of every flow (before its record is made,
 * so that whoever analyses the payload can finish and name the service). Every method has a no-op
 * default: {@link #NONE} costs nothing per packet.
 */
public interface StreamHandler {

    StreamHandler NONE = new StreamHandler() {
    };

    /** In-order bytes; the segment range is valid only during the call. */
    default void onStreamData(Flow flow, boolean fromOriginator, MemorySegment data, long offset, int length) {
    }

    /** Bytes of the stream that were never captured. */
    default void onStreamGap(Flow flow, boolean fromOriginator, long sequence, long length) {
    }

    /** The captured payload of one UDP datagram; the segment range is valid only during the call. */
    default void onDatagram(Flow flow, boolean fromOriginator, MemorySegment data, long offset, int length) {
    }

    /**
     * One ICMP or ICMPv6 message: its type and code, and the captured message from its 8-byte header
     * on (echo id and sequence sit in that header); the segment range is valid only during the call.
     */
    default void onIcmp(Flow flow, boolean fromOriginator, int type, int code, MemorySegment data, long offset,
                        int length) {
    }

    /**
     * A packet was malformed below the flow layer (a truncated or impossible header), so it belongs to
     * no flow; called once per such packet.
     */
    /**
     * An ARP message: {@code senderMac} (48 bits) says it has {@code senderIp} (IPv4, as an int). Called
     * for every ARP frame; a handler that makes records of them keeps its own memory of what it said.
     */
    default void onArp(long timestampNanos, long senderMac, int senderIp, int targetIp, int operation) {
    }

    default void onDecodeAnomaly(long timestampNanos, io.telltale.capture.decode.DecodeAnomaly anomaly) {
    }

    /** The flow is about to be written (it ended, or an interim record is due when {@code interim}). */
    default void onFlowEnd(Flow flow, boolean interim) {
    }
}
