package io.telltale.analysis.detect;

import io.telltale.analysis.event.SignatureHit;
import java.util.List;

/**
 * What a detector raises, before de-duplication makes it an alert: category, severity, title, why,
 * the device and the remote end, techniques, evidence flows, score (-1 when none), and for a
 * signature the rule that matched (null otherwise): each rule is its own alert for a pair of hosts.
 */
public record Finding(long timestampNanos, Category category, Severity severity, String title, String why,
                      String deviceAddress, String remoteAddress, String remoteName, List<String> attack, List<Long> flowIds,
                      double score, SignatureHit signature) {

    public Finding {
        attack = List.copyOf(attack);
        flowIds = List.copyOf(flowIds);
    }

    /** A finding of a detector other than the signatures. */
    public Finding(long timestampNanos, Category category, Severity severity, String title, String why, String deviceAddress,
                   String remoteAddress, String remoteName, List<String> attack, List<Long> flowIds, double score) {
        this(timestampNanos, category, severity, title, why, deviceAddress, remoteAddress, remoteName, attack, flowIds, score, null);
    }
}
