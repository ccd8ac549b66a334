package io.telltale.analysis.dissect;

import java.lang.foreign.MemorySegment;

/** Decides from the first payload of a flow whether a protocol speaks in it. Must not allocate. */
@FunctionalInterface
public interface PayloadProbe {

    /**
     * @param stream true for TCP payload (the start of a stream), false for one datagram
     * @param fromOriginator which side sent these bytes
     */
    boolean matches(MemorySegment data, long offset, int length, boolean stream, boolean fromOriginator);
}
