package io.telltale.dashboard.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The capture files a data directory was filled from ({@code DATA/index/inputs.jsonl}): one line per file,
 * with its size and a SHA-256 of its first and last MiB. Flow documents are added, not updated, so a file
 * read twice into one directory would be indexed twice; {@code read} looks here first and refuses.
 */
final class IndexedInputs {

    private static final int EDGE_BYTES = 1 << 20;

    private final Path log;

    IndexedInputs(Path dataDir) {
        this.log = dataDir.resolve("index").resolve("inputs.jsonl");
    }

    /** What identifies a capture file here: its size and the hash of its two ends. */
    static String fingerprint(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(read(channel, 0, (int) Math.min(size, EDGE_BYTES)));
            sha.update(read(channel, Math.max(0, size - EDGE_BYTES), (int) Math.min(size, EDGE_BYTES)));
            return size + ":" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteBuffer read(FileChannel channel, long from, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
            // until full or the end
        }
        return buffer.flip();
    }

    /** The line that recorded this fingerprint, if the file was indexed here before. */
    Optional<String> indexedBefore(String fingerprint) throws IOException {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        String key = "\"fingerprint\":\"" + fingerprint + "\"";
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return lines.stream().filter(l -> l.contains(key)).findFirst();
    }

    void record(Path file, String fingerprint) throws IOException {
        Files.createDirectories(log.getParent());
        String name = file.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        Files.writeString(log, String.format("{\"file\":\"%s\",\"fingerprint\":\"%s\",\"indexed\":\"%s\"}%n", name, fingerprint,
                Instant.now()), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
