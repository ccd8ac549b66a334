package io.telltale.capture.flow;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Running statistics of one direction of a flow, updated on every packet without allocating: the
 * transport payload size per packet (mean, deviation, extremes), the gap between packets (mean,
 * deviation), and the first {@link #HEAD} payload bytes as sent, from which the byte entropy is
 * computed when the record is made. A beacon shows as regular gaps, a tunnel as full packets of
 * high-entropy bytes; detectors read them from the flow record.
 */
final class DirectionStats {

    /** Payload bytes kept for the entropy: enough to tell text from ciphertext, small for 500 k flows. */
    static final int HEAD = 64;

    private final byte[] head = new byte[HEAD];
    private int headLength;
    private long packets;
    private int minSize;
    private int maxSize;
    // Sums in integers where they fit (a size is at most 65,535, so its squares sum for 2^31 packets),
    // so the per-packet work is adds and one multiply: no division on the hot path.
    private long sizeSum;
    private long sizeSquares;
    private long lastNanos;
    private long gaps;
    private long gapSumNanos;
    private double gapSquares;

    void reset() {
        headLength = 0;
        packets = 0;
        minSize = Integer.MAX_VALUE;
        maxSize = 0;
        sizeSum = 0;
        sizeSquares = 0;
        lastNanos = 0;
        gaps = 0;
        gapSumNanos = 0;
        gapSquares = 0;
    }

    /** One packet of this direction: its time, its transport payload length, and the captured payload. */
    void onPacket(long nowNanos, int payloadLength, MemorySegment data, long payloadOffset, int payloadCaptured) {
        if (packets > 0) {
            long gap = nowNanos - lastNanos;
            gaps++;
            gapSumNanos += gap;
            gapSquares += (double) gap * gap;
        }
        lastNanos = nowNanos;
        packets++;
        minSize = Math.min(minSize, payloadLength);
        maxSize = Math.max(maxSize, payloadLength);
        sizeSum += payloadLength;
        sizeSquares += (long) payloadLength * payloadLength;
        int take = Math.min(HEAD - headLength, payloadCaptured);
        if (take > 0) {
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, payloadOffset, head, headLength, take);
            headLength += take;
        }
    }

    PayloadStats snapshot() {
        if (packets == 0) {
            return PayloadStats.NONE;
        }
        double meanSize = (double) sizeSum / packets;
        double meanGapNanos = gaps == 0 ? Double.NaN : (double) gapSumNanos / gaps;
        return new PayloadStats(packets, minSize, maxSize, meanSize, deviation(sizeSquares, meanSize, packets),
                meanGapNanos / 1e9, gaps == 0 ? Double.NaN : deviation(gapSquares, meanGapNanos, gaps) / 1e9, headLength,
                headLength == 0 ? Double.NaN : entropy(head, headLength));
    }

    private static double deviation(double squares, double mean, long n) {
        return Math.sqrt(Math.max(0, squares / n - mean * mean));
    }

    /** {@code c * log2(c)} for every count a head can hold: the entropy needs no logarithm per record. */
    private static final double[] C_LOG2_C = new double[HEAD + 1];

    static {
        for (int c = 1; c <= HEAD; c++) {
            C_LOG2_C[c] = c * (Math.log(c) / Math.log(2));
        }
    }

    /**
     * Shannon entropy in bits per byte, 0 for one repeated byte, at most log2 of the length:
     * {@code log2(n) - sum(c * log2(c)) / n} over the count {@code c} of each distinct byte.
     */
    static double entropy(byte[] bytes, int length) {
        int[] counts = new int[256];
        for (int i = 0; i < length; i++) {
            counts[bytes[i] & 0xff]++;
        }
        double sum = 0;
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xff;
            int c = counts[b];
            if (c > 0) {
                sum += c <= HEAD ? C_LOG2_C[c] : c * (Math.log(c) / Math.log(2));
                counts[b] = 0; // each distinct byte once
            }
        }
        return Math.log(length) / Math.log(2) - sum / length;
    }
}
