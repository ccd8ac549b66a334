package io.telltale.analysis.detect;

import java.util.List;

/**
 * What a detector raises, before de-duplication makes it an alert: category, severity, title, why,
 * the device and the remote end, techniques, evidence flows, score (-1 when none).
 */
public record Finding(long timestampNanos, Category category, Severity severity, String title, String why,
                      String deviceAddress, String remoteAddress, String remoteName, List<String> attack, List<Long> flowIds,
                      double score) {

    public Finding {
        attack = List.copyOf(attack);
        flowIds = List.copyOf(flowIds);
    }
}
