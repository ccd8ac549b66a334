package io.telltale.dashboard.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Who did what, one JSON line each in {@code DATA/audit.jsonl}: logins (and failed ones), searches,
 * exports, policy and user changes — with the time, the user, the client's address and what it
 * concerned. Appended and flushed line by line; a line that cannot be written is said, not lost
 * silently.
 */
public final class AuditLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    private final Clock clock;
    private final Consumer<String> log;

    public AuditLog(Path file, Clock clock, Consumer<String> log) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        // a FileOutputStream, not a channel: an interrupted request thread would close a channel for good
        this.out = new java.io.FileOutputStream(file.toFile(), true);
        this.clock = clock;
        this.log = log;
    }

    public synchronized void record(String user, String address, String action, String detail) {
        ObjectNode line = JSON.createObjectNode();
        line.put("ts", Instant.ofEpochMilli(clock.millis()).toString());
        line.put("user", user);
        line.put("address", address);
        line.put("action", action);
        if (detail != null) {
            line.put("detail", detail);
        }
        try {
            out.write(JSON.writeValueAsBytes(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            log.accept("audit: cannot write " + line + ": " + e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
