package io.telltale.signatures.engine;

import java.util.List;

/** {@code byte_test} and {@code byte_jump}: a number read from a buffer, binary or as text. */
final class ByteReading {

    /** No number could be read there. */
    static final long NONE = Long.MIN_VALUE;

    private ByteReading() {
    }

    static long read(byte[] b, int at, int bytes, List<String> flags) {
        boolean string = flags.contains("string");
        int n = bytes == 0 && string ? b.length - at : bytes;
        if (at < 0 || n <= 0 || at + n > b.length) {
            return NONE;
        }
        long v = 0;
        if (string) {
            int radix = flags.contains("hex") ? 16 : flags.contains("oct") ? 8 : 10;
            String text = new String(b, at, n, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
            try {
                v = Long.parseLong(text, radix);
            } catch (NumberFormatException e) {
                return NONE;
            }
        } else if (flags.contains("little")) {
            for (int k = n - 1; k >= 0; k--) {
                v = v << 8 | (b[at + k] & 0xff);
            }
        } else {
            for (int k = 0; k < n; k++) {
                v = v << 8 | (b[at + k] & 0xff);
            }
        }
        for (String f : flags) {
            if (f.startsWith("bitmask ")) {
                long mask = parse(f.substring(8));
                v &= mask;
                if (mask != 0) {
                    v >>>= Long.numberOfTrailingZeros(mask);
                }
            }
        }
        return v;
    }

    static boolean compare(long v, String operator, long value, List<String> flags) {
        boolean negated = operator.startsWith("!");
        String op = negated ? operator.substring(1) : operator;
        boolean r = switch (op) {
            case "<" -> v < value;
            case ">" -> v > value;
            case "=" -> v == value;
            case "<=" -> v <= value;
            case ">=" -> v >= value;
            case "&" -> (v & value) != 0;
            case "^" -> (v ^ value) != 0;
            default -> false;
        };
        return r != negated;
    }

    /** Where a byte_jump lands, or -1 outside the buffer. */
    static int jump(byte[] b, int at, int bytes, List<String> flags) {
        long v = read(b, at, bytes, flags);
        if (v == NONE) {
            return -1;
        }
        long multiplier = 1;
        long post = 0;
        for (String f : flags) {
            if (f.startsWith("multiplier ")) {
                multiplier = parse(f.substring(11));
            } else if (f.startsWith("post_offset ")) {
                post = parse(f.substring(12));
            }
        }
        v *= multiplier;
        if (flags.contains("align")) {
            v = (v + 3) & ~3L;
        }
        long base = flags.contains("from_beginning") ? 0 : flags.contains("from_end") ? b.length : at + bytes;
        long next = base + v + post;
        return next < 0 || next > b.length ? -1 : (int) next;
    }

    private static long parse(String s) {
        String t = s.strip();
        return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
    }
}
