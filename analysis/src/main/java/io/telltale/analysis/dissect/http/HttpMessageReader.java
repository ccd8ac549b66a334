package io.telltale.analysis.dissect.http;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads one direction of an HTTP/1.x connection: start line, header lines, then a body framed by
 * Content-Length, chunked coding, or the end of the connection. Tells its owner about each event;
 * counts the body as decoded (gzip and deflate inflated, without keeping the data).
 */
final class HttpMessageReader {

    /** What the reader reports. */
    interface Listener {
        void onStartLine(String line);

        void onHeader(String name, String value);

        /** Headers are complete; returns how the body is framed (see {@link Body}). */
        Body onHeadersEnd();

        void onMessageEnd(long bodyLength);

        /** How many more decoded body bytes it wants to see (0: none, the default). */
        default int bodyWanted() {
            return 0;
        }

        /** Decoded body bytes, at most {@link #bodyWanted()}; valid during the call only. */
        default void onBody(MemorySegment data, long offset, int length) {
        }
    }

    /** How a message's body is delimited. */
    enum Body { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEADERS = 256;

    private enum State { START_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, BROKEN }

    private final Listener listener;
    /** The line being gathered; grows to {@link #MAX_LINE} only for lines that need it, as most are short. */
    private byte[] lineBytes = new byte[128];
    private int lineLength;
    private State state = State.START_LINE;
    private long remaining;
    private long bodyLength;
    private int headers;
    private Inflater inflater;
    private boolean gzipHeaderPending;
    /** A gzip header gathered so far; one with longer optional fields is not worth decoding. */
    private byte[] gzipHeader;
    private int gzipHeaderLength;
    /** Where inflated body bytes go to be counted; made on the first content-coded body. */
    private byte[] scratch;
    private long anomalies;

    HttpMessageReader(Listener listener) {
        this.listener = listener;
    }

    long anomalies() {
        return anomalies;
    }

    /** Sets up decoding of the next body: {@code gzip}, {@code deflate} or none. */
    void contentCoding(String coding) {
        dropInflater();
        if (coding == null) {
            return;
        }
        String c = coding.trim().toLowerCase(java.util.Locale.ROOT);
        if (c.equals("gzip") || c.equals("x-gzip")) {
            inflater = new Inflater(true);
            gzipHeaderPending = true;
            gzipHeaderLength = 0;
            if (gzipHeader == null) {
                gzipHeader = new byte[1024];
            }
        } else if (c.equals("deflate")) {
            inflater = new Inflater(false);
            gzipHeaderPending = false;
        }
    }

    void setBodyLength(long length) {
        remaining = length;
    }

    void feed(MemorySegment data, long offset, int length) {
        long at = offset;
        long end = offset + length;
        while (at < end && state != State.BROKEN) {
            switch (state) {
                case START_LINE, HEADERS, CHUNK_SIZE, CHUNK_DATA_END, TRAILERS -> at = readLine(data, at, end);
                case BODY -> {
                    int take = (int) Math.min(end - at, remaining == Long.MAX_VALUE ? end - at : remaining);
                    body(data, at, take);
                    at += take;
                    if (remaining != Long.MAX_VALUE) {
                        remaining -= take;
                        if (remaining == 0) {
                            finishMessage();
                        }
                    }
                }
                case CHUNK_DATA -> {
                    int take = (int) Math.min(end - at, remaining);
                    body(data, at, take);
                    at += take;
                    remaining -= take;
                    if (remaining == 0) {
                        state = State.CHUNK_DATA_END;
                    }
                }
                default -> at = end;
            }
        }
    }

    /**
     * Bytes of this direction were never captured. Inside a body of known length the reader keeps its
     * place (the lost bytes still count, as the sender's framing says they were sent, but a
     * content-coded body can no longer be decoded); anywhere else its place is lost.
     *
     * @return false when the reader lost its place and waits to be {@link #restart restarted}
     */
    boolean skip(long length) {
        if ((state == State.BODY || state == State.CHUNK_DATA) && length < remaining) {
            if (remaining != Long.MAX_VALUE) {
                remaining -= length;
            }
            bodyLength += length;
            dropInflater();
            return true;
        }
        state = State.BROKEN;
        return false;
    }

    /** Forgets the message in progress: the next byte fed starts a new message. */
    void restart() {
        state = State.START_LINE;
        lineLength = 0;
        remaining = 0;
        bodyLength = 0;
        dropInflater();
    }

    /** False once the reader met something it cannot frame, or lost bytes outside a body. */
    boolean inStep() {
        return state != State.BROKEN;
    }

    /** The connection ended: a body that runs until close is complete now. */
    void end() {
        if (state == State.BODY && remaining == Long.MAX_VALUE) {
            finishMessage();
        }
    }

    private long readLine(MemorySegment data, long at, long end) {
        long cursor = at;
        while (cursor < end) {
            byte b = data.get(ValueLayout.JAVA_BYTE, cursor++);
            if (b == '\n') {
                int n = lineLength > 0 && lineBytes[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                String text = new String(lineBytes, 0, n, StandardCharsets.ISO_8859_1);
                lineLength = 0;
                onLine(text);
                return cursor;
            }
            if (lineLength == MAX_LINE) {
                anomalies++;
                state = State.BROKEN;
                return end;
            }
            if (lineLength == lineBytes.length) {
                lineBytes = java.util.Arrays.copyOf(lineBytes, Math.min(MAX_LINE, lineBytes.length * 2));
            }
            lineBytes[lineLength++] = b;
        }
        return cursor;
    }

    private void onLine(String text) {
        switch (state) {
            case START_LINE -> {
                if (!text.isEmpty()) {
                    listener.onStartLine(text);
                    state = State.HEADERS;
                    headers = 0;
                }
            }
            case HEADERS -> {
                if (text.isEmpty()) {
                    startBody(listener.onHeadersEnd());
                    return;
                }
                if (++headers > MAX_HEADERS) {
                    anomalies++;
                    state = State.BROKEN;
                    return;
                }
                int colon = text.indexOf(':');
                if (colon <= 0) {
                    anomalies++;
                    return;
                }
                listener.onHeader(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
            }
            case CHUNK_SIZE -> {
                int semicolon = text.indexOf(';');
                String size = (semicolon < 0 ? text : text.substring(0, semicolon)).trim();
                try {
                    remaining = Long.parseLong(size, 16);
                } catch (NumberFormatException e) {
                    anomalies++;
                    state = State.BROKEN;
                    return;
                }
                if (remaining < 0) {
                    anomalies++;
                    state = State.BROKEN;
                } else {
                    state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
                }
            }
            case CHUNK_DATA_END -> state = State.CHUNK_SIZE;
            case TRAILERS -> {
                if (text.isEmpty()) {
                    finishMessage();
                }
            }
            default -> {
            }
        }
    }

    private void startBody(Body body) {
        bodyLength = 0;
        switch (body) {
            case NONE -> finishMessage();
            case LENGTH -> {
                if (remaining == 0) {
                    finishMessage();
                } else {
                    state = State.BODY;
                }
            }
            case CHUNKED -> state = State.CHUNK_SIZE;
            case UNTIL_CLOSE -> {
                remaining = Long.MAX_VALUE;
                state = State.BODY;
            }
        }
    }

    private void finishMessage() {
        listener.onMessageEnd(bodyLength);
        state = State.START_LINE;
        dropInflater();
    }

    /** Counts body bytes, inflating them first when the body is content-coded. */
    private void body(MemorySegment data, long at, int length) {
        if (inflater == null) {
            bodyLength += length;
            int wanted = listener.bodyWanted();
            if (wanted > 0) {
                listener.onBody(data, at, Math.min(wanted, length));
            }
            return;
        }
        byte[] input = data.asSlice(at, length).toArray(ValueLayout.JAVA_BYTE);
        int from = 0;
        if (gzipHeaderPending) {
            // The gzip member header may arrive split over several segments: gather it first.
            byte[] gathered = new byte[gzipHeaderLength + input.length];
            System.arraycopy(gzipHeader, 0, gathered, 0, gzipHeaderLength);
            System.arraycopy(input, 0, gathered, gzipHeaderLength, input.length);
            int headerEnd = skipGzipHeader(gathered);
            if (headerEnd == INCOMPLETE && gathered.length <= gzipHeader.length) {
                System.arraycopy(input, 0, gzipHeader, gzipHeaderLength, input.length);
                gzipHeaderLength = gathered.length;
                return;
            }
            gzipHeaderPending = false;
            gzipHeaderLength = 0;
            if (headerEnd < 0) {
                dropInflater(); // not gzip after all: count raw bytes, as a decoder would fail
                anomalies++;
                bodyLength += gathered.length;
                return;
            }
            input = gathered;
            from = headerEnd;
        }
        inflater.setInput(input, from, input.length - from);
        try {
            int n;
            if (scratch == null) {
                scratch = new byte[8192];
            }
            while ((n = inflater.inflate(scratch)) > 0) {
                bodyLength += n;
                int wanted = listener.bodyWanted();
                if (wanted > 0) {
                    listener.onBody(MemorySegment.ofArray(scratch), 0, Math.min(wanted, n));
                }
            }
        } catch (DataFormatException e) {
            anomalies++;
            dropInflater();
        }
    }

    /** Frees the decoder's native memory now rather than when the collector gets to it. */
    private void dropInflater() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }

    private static final int NOT_GZIP = -1;
    private static final int INCOMPLETE = -2;

    /**
     * Length of the gzip member header at the start of {@code b} (RFC 1952 §2.3); {@link #NOT_GZIP}
     * when the bytes cannot start one, {@link #INCOMPLETE} when more are needed to tell.
     */
    private static int skipGzipHeader(byte[] b) {
        if ((b.length > 0 && (b[0] & 0xff) != 0x1f) || (b.length > 1 && (b[1] & 0xff) != 0x8b)
                || (b.length > 2 && b[2] != 8)) {
            return NOT_GZIP;
        }
        if (b.length < 10) {
            return INCOMPLETE;
        }
        int flags = b[3] & 0xff;
        int at = 10;
        if ((flags & 0x04) != 0) {
            if (at + 2 > b.length) {
                return INCOMPLETE;
            }
            at += 2 + ((b[at] & 0xff) | ((b[at + 1] & 0xff) << 8));
        }
        if ((flags & 0x08) != 0) {
            while (at < b.length && b[at] != 0) {
                at++;
            }
            at++;
        }
        if ((flags & 0x10) != 0) {
            while (at < b.length && b[at] != 0) {
                at++;
            }
            at++;
        }
        if ((flags & 0x02) != 0) {
            at += 2;
        }
        return at <= b.length ? at : INCOMPLETE;
    }
}
