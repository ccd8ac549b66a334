package io.telltale.capture.flow.tcp;

import java.lang.foreign.MemorySegment;

/** What a {@link TcpConnection} needs from the flow that owns it. */
public interface TcpConnectionOwner {

    /** The SYN and SYN-ACK were seen the wrong way round: the responder is really the originator. */
    void flipRoles();

    /** In-order payload sent by one side. */
    void onStreamData(boolean fromOriginator, MemorySegment data, long offset, int length);

    /**
     * Bytes sent by one side that will never be seen.
     *
     * @param counted true when Zeek would count them as missed bytes (both sides established or
     *     cleanly closing); false for gaps at the edges of a half-seen connection
     */
    void onStreamGap(boolean fromOriginator, long sequence, long length, boolean counted);
}
