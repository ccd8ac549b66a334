package io.telltale.dashboard.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What analysts said of alerts — acknowledged, a false positive, open again, with a comment — one
 * JSON line each in {@code DATA/triage.jsonl}, never rewritten: the history of a decision is evidence
 * too. The latest entry of an alert is its state.
 */
final class TriageLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;

    TriageLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    synchronized Map<String, Object> add(String alert, String user, String status, String comment) throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("alert", alert);
        entry.put("ts", Instant.ofEpochMilli(clock.millis()).toString());
        entry.put("user", user);
        entry.put("status", status);
        entry.put("comment", comment);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return entry;
    }

    synchronized List<Map<String, Object>> of(String alert) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> entry = JSON.readValue(line, new TypeReference<Map<String, Object>>() { });
            if (alert.equals(entry.get("alert"))) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
