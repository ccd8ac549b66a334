package io.telltale.dashboard.sink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * A JSON-lines file for a forwarder: which record classes go in, alerts in Telltale's own form
 * ({@code telltale}, as alerts.jsonl) or as {@code eve}, {@code ecs} or {@code ocsf}, and its
 * rotation (size, age, rotated files kept).
 */
public record JsonLinesOutput(String name, Path path, Set<RecordClass> records, String alertFormat, long rotateBytes,
                              Duration rotateEvery, int keep) {

    public JsonLinesOutput {
        records = Set.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException(name + ": 'records' names none of flows, protocol, alerts, assets");
        }
        if (!Set.of("telltale", "eve", "ecs", "ocsf").contains(alertFormat)) {
            throw new IllegalArgumentException(name + ": alert_format is telltale, eve, ecs or ocsf, not \"" + alertFormat + "\"");
        }
        if (rotateBytes < 4096) {
            throw new IllegalArgumentException(name + ": rotate_bytes below 4 KiB rotates on every few lines: " + rotateBytes);
        }
        if (keep < 0) {
            throw new IllegalArgumentException(name + ": keep cannot be negative");
        }
    }
}
