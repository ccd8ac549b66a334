package io.telltale.dashboard.sink;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A file of lines that rotates: when it holds {@code maxBytes}, or has been open {@code maxMillis}
 * (wall-clock: forwarders and people think in hours of the day), it is renamed
 * {@code NAME-YYYYMMDDTHHMMSS.mmmZ.EXT} and a new one begun; only the newest {@code keep} rotated
 * files are kept. A rename keeps the inode, so a forwarder reading the file finishes it. Lines are
 * appended whole: a rotation never splits one.
 */
final class RotatingFile implements Closeable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Path path;
    private final long maxBytes;
    private final long maxMillis;
    private final int keep;
    private final Clock clock;
    private OutputStream out;
    private long bytes;
    private long openedMillis;
    private long rotations;

    RotatingFile(Path path, long maxBytes, long maxMillis, int keep, Clock clock) throws IOException {
        this.path = path;
        this.maxBytes = maxBytes;
        this.maxMillis = maxMillis;
        this.keep = keep;
        this.clock = clock;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        open();
    }

    private void open() throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 64 << 10);
        bytes = Files.size(path);
        openedMillis = clock.millis();
    }

    /** Appends one line (the newline is added). */
    void writeLine(byte[] line) throws IOException {
        if (bytes > 0 && (bytes + line.length + 1 > maxBytes || (maxMillis > 0 && clock.millis() - openedMillis >= maxMillis))) {
            rotate();
        }
        out.write(line);
        out.write('\n');
        bytes += line.length + 1;
    }

    void flush() throws IOException {
        out.flush();
    }

    long rotations() {
        return rotations;
    }

    private void rotate() throws IOException {
        out.close();
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        Path rotated = path.resolveSibling(base + "-" + STAMP.format(java.time.Instant.ofEpochMilli(clock.millis())) + ext);
        for (int i = 1; Files.exists(rotated); i++) {
            rotated = path.resolveSibling(base + "-" + STAMP.format(java.time.Instant.ofEpochMilli(clock.millis())) + "-" + i + ext);
        }
        Files.move(path, rotated);
        rotations++;
        prune(base, ext);
        open();
    }

    private void prune(String base, String ext) throws IOException {
        List<Path> rotated = new ArrayList<>();
        try (Stream<Path> files = Files.list(path.toAbsolutePath().getParent())) {
            files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(base + "-") && n.endsWith(ext) && n.length() > base.length() + ext.length() + 1
                        && Character.isDigit(n.charAt(base.length() + 1));
            }).forEach(rotated::add);
        }
        rotated.sort(null); // the stamp sorts by time
        for (int i = 0; i < rotated.size() - keep; i++) {
            Files.deleteIfExists(rotated.get(i));
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
