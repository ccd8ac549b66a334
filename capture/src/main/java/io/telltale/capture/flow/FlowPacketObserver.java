package io.telltale.capture.flow;

import java.lang.foreign.MemorySegment;

/**
 * Sees every frame with the flow it was metered into, on the worker thread, after the flow was
 * updated: the packet store writes it and notes where in the flow's {@link PacketTrail}. A tunnelled
 * frame is seen once for the tunnel's flow and once for the inner flow; a frame in no flow (ARP, a
 * fragment still held, a damaged packet) once with a null flow and trail. The frame is valid only
 * during the call.
 */
@FunctionalInterface
public interface FlowPacketObserver {

    FlowPacketObserver NONE = (flow, trail, timestampNanos, wireLength, frame, offset, capturedLength, linkType) -> {
    };

    void onFlowPacket(Flow flow, PacketTrail trail, long timestampNanos, int wireLength, MemorySegment frame, long offset,
            int capturedLength, int linkType);
}
