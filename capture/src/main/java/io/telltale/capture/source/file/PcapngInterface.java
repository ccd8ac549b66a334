package io.telltale.capture.source.file;

/**
 * What an Interface Description Block declared: link type, snap length and timestamp units.
 * Allocated once per interface when a section is read, not per packet.
 */
final class PcapngInterface {

    final int linkType;
    final int snapLength;
    /** Timestamp units per second is 10^exponent (decimal) or 2^exponent (binary). */
    private final boolean binaryResolution;
    private final int exponent;
    private final long offsetSeconds;

    PcapngInterface(int linkType, int snapLength, int tsresol, long offsetSeconds) {
        this.linkType = linkType;
        this.snapLength = snapLength;
        this.binaryResolution = (tsresol & 0x80) != 0;
        this.exponent = tsresol & 0x7f;
        this.offsetSeconds = offsetSeconds;
    }

    static PcapngInterface withDefaults(int linkType, int snapLength) {
        return new PcapngInterface(linkType, snapLength, 6, 0);
    }

    /** True when the resolution can be represented (decimal up to 10^-18, binary up to 2^-63). */
    boolean resolutionSupported() {
        return binaryResolution ? exponent <= 63 : exponent <= 18;
    }

    /** Converts a raw 64-bit timestamp in this interface's units to nanoseconds since the epoch. */
    long toNanos(long units) {
        long nanos;
        if (binaryResolution) {
            long whole = units >>> exponent;
            long fraction = exponent == 0 ? 0 : units & ((1L << exponent) - 1);
            nanos = whole * 1_000_000_000L + Math.unsignedMultiplyHigh(fraction << (64 - exponent), 1_000_000_000L);
        } else if (exponent <= 9) {
            nanos = units * POW10[9 - exponent];
        } else {
            nanos = Long.divideUnsigned(units, POW10[exponent - 9]);
        }
        return nanos + offsetSeconds * 1_000_000_000L;
    }

    private static final long[] POW10 = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L
    };
}
