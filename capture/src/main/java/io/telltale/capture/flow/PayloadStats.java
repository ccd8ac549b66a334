package io.telltale.capture.flow;

/**
 * What one direction of a flow looked like: packets, transport payload bytes per packet, seconds
 * between packets, and the entropy of its first payload bytes. NaN where there was nothing to measure
 * (no gap with one packet, no entropy without payload).
 *
 * @param headBytes how many leading payload bytes the entropy is over (at most 64)
 * @param headEntropy Shannon entropy of those bytes in bits per byte
 */
public record PayloadStats(
        long packets,
        int minSize,
        int maxSize,
        double meanSize,
        double sizeDeviation,
        double meanGapSeconds,
        double gapDeviationSeconds,
        int headBytes,
        double headEntropy) {

    /** A direction that sent nothing. */
    public static final PayloadStats NONE = new PayloadStats(0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
            Double.NaN);
}
