package io.telltale.dashboard.app;

import io.telltale.capture.decode.DecodeAnomaly;
import io.telltale.capture.source.SourceDamage;
import java.util.List;
import java.util.Map;

/**
 * What one {@code telltale read} did.
 *
 * @param elapsedNanos wall-clock time spent reading and writing
 */
public record ReadSummary(
        int files,
        long packets,
        long wireBytes,
        long flows,
        long interimRecords,
        long evictions,
        long nonIpFrames,
        Map<DecodeAnomaly, Long> anomalies,
        List<SourceDamage> damage,
        String output,
        Map<String, Long> protocolRecords,
        long dissectorAnomalies,
        long unwritableRecords,
        String firstUnwritable,
        long elapsedNanos,
        long filteredOut) {

    public long anomalyTotal() {
        return anomalies.values().stream().mapToLong(Long::longValue).sum();
    }

    public double packetsPerSecond() {
        return elapsedNanos <= 0 ? 0 : packets * 1e9 / elapsedNanos;
    }
}
