package io.telltale.capture.stream;

import java.lang.foreign.MemorySegment;

/** Receives the reassembled bytes of one direction of a TCP connection, in order. */
public interface StreamListener {

    /** {@code length} bytes at {@code offset} of {@code data}, valid only during the call. */
    void onData(MemorySegment data, long offset, int length);

    /** {@code length} bytes at relative sequence {@code sequence} will never arrive. */
    void onGap(long sequence, long length);
}
