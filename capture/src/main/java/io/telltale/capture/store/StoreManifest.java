package io.telltale.capture.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The chain-of-custody log of the store ({@code manifest.jsonl}): one JSON line per closed file with
 * its SHA-256, size, packet count and packet times, and one per file retention deleted. Lines are only
 * appended, each forced to disk before the call returns. Shared by every writer of a store.
 */
public final class StoreManifest {

    private final Path path;

    public StoreManifest(Path directory) {
        this.path = directory.resolve(StoreFiles.MANIFEST);
    }

    public Path path() {
        return path;
    }

    /** A closed file: what {@code sha256sum} would print for it, and what it holds. */
    public synchronized void closed(long fileId, byte[] sha256, long bytes, long packets, long firstNanos, long lastNanos,
            long closedAtMillis) throws IOException {
        append(String.format("{\"file\":\"%s\",\"sha256\":\"%s\",\"bytes\":%d,\"packets\":%d,\"first_ns\":%d,\"last_ns\":%d,"
                + "\"closed\":\"%s\"}", StoreFiles.name(fileId), HexFormat.of().formatHex(sha256), bytes, packets, firstNanos,
                lastNanos, Instant.ofEpochMilli(closedAtMillis)));
    }

    /** A file retention removed, and why ({@code age} or {@code quota}). */
    public synchronized void deleted(long fileId, String reason, long atMillis) throws IOException {
        append(String.format("{\"file\":\"%s\",\"deleted\":\"%s\",\"reason\":\"%s\"}", StoreFiles.name(fileId),
                Instant.ofEpochMilli(atMillis), reason));
    }

    private void append(String line) throws IOException {
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            out.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
    }

    /** The lines that name these files (each one's close, and its deletion if any), in manifest order; one read. */
    public List<String> linesOf(java.util.Collection<Long> fileIds) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(path)) {
            return lines;
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (long id : fileIds) {
            keys.add("\"file\":\"" + StoreFiles.name(id) + "\"");
        }
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            int start = line.indexOf("\"file\":\"");
            int end = start < 0 ? -1 : line.indexOf('"', start + 8);
            if (end > 0 && keys.contains(line.substring(start, end + 1))) {
                lines.add(line);
            }
        }
        return lines;
    }
}
