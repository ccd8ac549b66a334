package io.telltale.testdata.wire;

/** One frame on the wire: when it was seen (nanoseconds since 1970) and its bytes from the Ethernet header on. */
public record Frame(long timestampNanos, byte[] bytes) {
}
