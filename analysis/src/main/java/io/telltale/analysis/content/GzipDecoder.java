package io.telltale.analysis.content;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a gzip stream found inside a flow, fed as the bytes arrive, optionally from Base64 text
 * first (MIME line breaks allowed), and hands what comes out to a scanner. Bounded twice: it stops
 * after {@link #MAX_INPUT} bytes read or {@link #MAX_OUTPUT} bytes inflated (a gzip bomb inflates
 * a thousandfold), and at the first byte that is not Base64 or not valid deflate data.
 */
final class GzipDecoder {

    static final int MAX_INPUT = 4 << 20;
    static final int MAX_OUTPUT = 8 << 20;

    /** Told of each inflated piece, in order. */
    interface Output {
        void inflated(byte[] data, int length);
    }

    private final boolean base64;
    private final Inflater inflater = new Inflater(true);
    private final byte[] pending = new byte[3 * 1024];
    private final byte[] out = new byte[16 * 1024];
    private int quad;
    private int sextets;
    private int headerPhase; // 0: fixed 10 bytes, 1: extra length, 2: extra, 3: name, 4: comment, 5: crc, 6: deflate
    private int headerRead;
    private int flags;
    private int extraLength;
    private long input;
    private long output;
    private boolean done;

    GzipDecoder(boolean base64) {
        this.base64 = base64;
    }

    boolean done() {
        return done;
    }

    /** Feeds {@code b[from, to)}. */
    void feed(byte[] b, int from, int to, Output sink) {
        if (done) {
            return;
        }
        if (!base64) {
            gzip(b, from, to, sink);
            return;
        }
        int n = 0;
        boolean textEnded = false;
        for (int i = from; i < to && !done; i++) {
            int v = sextet(b[i]);
            if (v == -2) {
                continue; // line break inside MIME Base64
            }
            if (v < 0) {
                textEnded = true; // padding, or any other byte, ends the Base64 text
                break;
            }
            quad = (quad << 6) | v;
            if (++sextets == 4) {
                pending[n++] = (byte) (quad >> 16);
                pending[n++] = (byte) (quad >> 8);
                pending[n++] = (byte) quad;
                sextets = 0;
                quad = 0;
                if (n == pending.length) {
                    gzip(pending, 0, n, sink);
                    n = 0;
                }
            }
        }
        if (n > 0 && !done) {
            gzip(pending, 0, n, sink);
        }
        if (textEnded) {
            end();
        }
    }

    private static int sextet(byte c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return switch (c) {
            case '+' -> 62;
            case '/' -> 63;
            case '\r', '\n' -> -2;
            default -> -1;
        };
    }

    private void gzip(byte[] b, int from, int to, Output sink) {
        int i = from;
        while (headerPhase < 6 && i < to && !done) {
            int c = b[i++] & 0xff;
            switch (headerPhase) {
                case 0 -> {
                    if ((headerRead == 0 && c != 0x1f) || (headerRead == 1 && c != 0x8b) || (headerRead == 2 && c != 8)) {
                        end();
                        return;
                    }
                    if (headerRead == 3) {
                        flags = c;
                    }
                    if (++headerRead == 10) {
                        headerRead = 0;
                        headerPhase = next(0);
                    }
                }
                case 1 -> {
                    extraLength |= c << (8 * headerRead);
                    if (++headerRead == 2) {
                        headerRead = 0;
                        headerPhase = extraLength == 0 ? next(2) : 2;
                    }
                }
                case 2 -> {
                    if (++headerRead == extraLength) {
                        headerRead = 0;
                        headerPhase = next(2);
                    }
                }
                case 3, 4 -> {
                    if (c == 0 || ++headerRead > 1024) {
                        headerRead = 0;
                        headerPhase = next(headerPhase);
                    }
                }
                case 5 -> {
                    if (++headerRead == 2) {
                        headerPhase = 6;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        if (headerPhase < 6 || i >= to || done) {
            return;
        }
        input += to - i;
        inflater.setInput(b, i, to - i);
        try {
            while (!inflater.needsInput() && !inflater.finished()) {
                int n = inflater.inflate(out);
                if (n == 0 && (inflater.needsDictionary() || inflater.needsInput())) {
                    break;
                }
                output += n;
                sink.inflated(out, n);
                if (output > MAX_OUTPUT) {
                    end();
                    return;
                }
            }
        } catch (DataFormatException e) {
            end();
            return;
        }
        if (inflater.finished() || input > MAX_INPUT) {
            end();
        }
    }

    /** The header part after {@code phase}, skipping those the flags say are absent. */
    private int next(int phase) {
        int p = phase + 1;
        if (p == 1 && (flags & 4) == 0) {
            p = 3;
        }
        if (p == 2) {
            p = 3; // after the length comes the extra field itself; next(2) moves past it
        }
        if (p == 3 && (flags & 8) == 0) {
            p = 4;
        }
        if (p == 4 && (flags & 16) == 0) {
            p = 5;
        }
        if (p == 5 && (flags & 2) == 0) {
            p = 6;
        }
        return p;
    }

    /** Frees the native inflater; later bytes are ignored. */
    void end() {
        if (!done) {
            done = true;
            inflater.end();
        }
    }
}
