package io.telltale.analysis.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the index lives in a data directory: {@code index/flows/YYYY-MM-DD/} per UTC day of the flows'
 * first packet, {@code index/alerts/} for alerts and asset changes.
 */
public record IndexLayout(Path dataDirectory) {

    public Path flows() {
        return dataDirectory.resolve("index").resolve("flows");
    }

    public Path alerts() {
        return dataDirectory.resolve("index").resolve("alerts");
    }

    /** The partition a flow starting at this time goes to. */
    public static LocalDate day(long timestampNanos) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(Math.floorDiv(timestampNanos, 1_000_000_000L)), ZoneOffset.UTC);
    }

    public Path partition(LocalDate day) {
        return flows().resolve(day.toString());
    }

    /** The day partitions present, oldest first (folders not named as days are not ours and left alone). */
    public List<LocalDate> partitions() throws IOException {
        List<LocalDate> days = new ArrayList<>();
        if (!Files.isDirectory(flows())) {
            return days;
        }
        try (Stream<Path> entries = Files.list(flows())) {
            for (Path entry : entries.toList()) {
                try {
                    if (Files.isDirectory(entry)) {
                        days.add(LocalDate.parse(entry.getFileName().toString()));
                    }
                } catch (DateTimeParseException e) {
                    // not a partition
                }
            }
        }
        days.sort(null);
        return days;
    }
}
