package io.telltale.analysis.dissect;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits one direction of a text protocol (FTP, SMTP) into lines, whatever the segment boundaries,
 * without the CR LF. A line longer than {@link #MAX_LINE} is cut there and counted: the reader goes on
 * at the next line end.
 */
public final class LineReader {

    public static final int MAX_LINE = 1024;

    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private boolean overlong;
    private long overlongLines;

    /** Feeds bytes; {@code onLine} gets each complete line as ISO-8859-1 text. */
    public void feed(MemorySegment data, long offset, int count, Consumer<String> onLine) {
        for (long at = offset; at < offset + count; at++) {
            byte b = data.get(ValueLayout.JAVA_BYTE, at);
            if (b == '\n') {
                int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                String text = new String(line, 0, n, StandardCharsets.ISO_8859_1);
                length = 0;
                if (overlong) {
                    overlong = false;
                    overlongLines++;
                }
                onLine.accept(text);
            } else if (length < MAX_LINE) {
                line[length++] = b;
            } else {
                overlong = true;
            }
        }
    }

    /** Lines cut at {@link #MAX_LINE}. */
    public long overlongLines() {
        return overlongLines;
    }
}
