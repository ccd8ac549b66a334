package io.telltale.dashboard.output;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A Zeek ASCII log: the header block ({@code #separator} ... {@code #types}), rows of tab-separated
 * fields, and {@code #close}. Rows are assembled by the caller in {@link #row()} and written with
 * {@link #endRow()}; everything in a row is ASCII by then (wire strings go through
 * {@link ZeekText#tsvString}).
 */
final class ZeekLogWriter implements Closeable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");

    private final OutputStream out;
    private final Clock clock;
    private final StringBuilder row = new StringBuilder(512);
    private byte[] bytes = new byte[512];

    ZeekLogWriter(Path path, String logName, List<String> fields, List<String> types, Clock clock) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        this.clock = clock;
        text("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n");
        text("#path\t" + logName + "\n#open\t" + LocalDateTime.now(clock).format(STAMP) + "\n");
        text("#fields\t" + String.join("\t", fields) + "\n#types\t" + String.join("\t", types) + "\n");
    }

    private void text(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The row being built, emptied. */
    StringBuilder row() {
        row.setLength(0);
        return row;
    }

    void endRow() throws IOException {
        row.append('\n');
        int n = row.length();
        if (bytes.length < n) {
            bytes = new byte[n * 2];
        }
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) row.charAt(i);
        }
        out.write(bytes, 0, n);
    }

    @Override
    public void close() throws IOException {
        text("#close\t" + LocalDateTime.now(clock).format(STAMP) + "\n");
        out.close();
    }
}
