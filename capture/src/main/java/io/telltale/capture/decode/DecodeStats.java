package io.telltale.capture.decode;

import java.util.EnumMap;
import java.util.Map;

/** Counters kept by one decoder: anomalies by kind and frames that carried no IP. Single-threaded. */
public final class DecodeStats {

    private final long[] anomalies = new long[DecodeAnomaly.values().length];
    private long nonIpFrames;
    private long events;
    private DecodeAnomaly last;

    /** Counts one anomaly; called by the decoder and by the flow meter (checksums). */
    public void record(DecodeAnomaly anomaly) {
        anomalies[anomaly.ordinal()]++;
        events++;
        last = anomaly;
    }

    /** Anomalies counted so far, all kinds: a caller that remembers it can tell when a packet added one. */
    public long events() {
        return events;
    }

    /** The kind of the anomaly counted last, or null. */
    public DecodeAnomaly last() {
        return last;
    }

    void countNonIp() {
        nonIpFrames++;
    }

    public long count(DecodeAnomaly anomaly) {
        return anomalies[anomaly.ordinal()];
    }

    public long nonIpFrames() {
        return nonIpFrames;
    }

    public long totalAnomalies() {
        long total = 0;
        for (long n : anomalies) {
            total += n;
        }
        return total;
    }

    /** The anomalies seen at least once, in declaration order (allocates: call off the hot path). */
    public Map<DecodeAnomaly, Long> nonZero() {
        Map<DecodeAnomaly, Long> seen = new EnumMap<>(DecodeAnomaly.class);
        for (DecodeAnomaly anomaly : DecodeAnomaly.values()) {
            if (anomalies[anomaly.ordinal()] > 0) {
                seen.put(anomaly, anomalies[anomaly.ordinal()]);
            }
        }
        return seen;
    }
}
