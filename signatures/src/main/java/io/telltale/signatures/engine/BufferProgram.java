package io.telltale.signatures.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * The tests a rule makes of one buffer, run as Suricata runs them: in order, a relative test from
 * the end of the previous match, and when a later test fails an earlier content is tried at its
 * next occurrence (bounded: at most {@link #BUDGET} steps per buffer, so a hostile buffer cannot make
 * a rule run for long).
 */
final class BufferProgram {

    static final int BUDGET = 4096;
    /** Characters a regex may read per buffer before it is abandoned as catastrophic backtracking. */
    static final int REGEX_BUDGET = 200_000;

    final String buffer;
    private final List<String> transforms;
    private final Step[] steps;

    BufferProgram(String buffer, List<String> transforms, List<Step> steps) {
        this.buffer = buffer;
        this.transforms = List.copyOf(transforms);
        this.steps = steps.toArray(new Step[0]);
    }

    /** The transform chain as a key: rules that transform a buffer alike share a prefilter lane. */
    String transformsKey() {
        return String.join(",", transforms);
    }

    /** The buffer as the tests see it: the rule's transforms applied. */
    byte[] transform(byte[] value) {
        byte[] b = value;
        for (String t : transforms) {
            b = switch (t) {
                case "dotprefix" -> {
                    byte[] d = new byte[b.length + 1];
                    d[0] = '.';
                    System.arraycopy(b, 0, d, 1, b.length);
                    yield d;
                }
                case "to_lowercase" -> new String(b, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                        .getBytes(StandardCharsets.ISO_8859_1);
                case "to_uppercase" -> new String(b, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT)
                        .getBytes(StandardCharsets.ISO_8859_1);
                case "strip_whitespace" -> new String(b, StandardCharsets.ISO_8859_1).replaceAll("\\s", "")
                        .getBytes(StandardCharsets.ISO_8859_1);
                case "compress_whitespace" -> new String(b, StandardCharsets.ISO_8859_1).replaceAll("\\s+", " ")
                        .getBytes(StandardCharsets.ISO_8859_1);
                case "url_decode" -> Buffers.percentDecode(b);
                default -> b;
            };
        }
        return b;
    }

    boolean matches(byte[] value) {
        byte[] b = transform(value);
        return run(b, 0, 0, new int[] {BUDGET});
    }

    private boolean run(byte[] b, int step, int cursor, int[] budget) {
        if (step == steps.length) {
            return true;
        }
        if (--budget[0] < 0) {
            return false;
        }
        switch (steps[step]) {
            case Step.Content c -> {
                int start;
                int limit; // the match must end at or before this
                if (c.startsWith()) {
                    start = 0;
                    limit = c.pattern().length;
                } else if (c.relative()) {
                    int distance = c.distance() == null ? 0 : c.distance();
                    start = Math.max(0, cursor + distance);
                    limit = c.within() == null ? b.length : cursor + distance + c.within();
                } else {
                    start = Math.max(0, c.offset());
                    limit = c.depth() < 0 ? b.length : start + c.depth();
                }
                limit = Math.min(limit, b.length);
                if (c.negated()) {
                    int at = find(b, c, start, limit);
                    boolean found = at >= 0;
                    return !found && run(b, step + 1, cursor, budget);
                }
                int from = start;
                while (true) {
                    int at = find(b, c, from, limit);
                    if (at < 0) {
                        return false;
                    }
                    if (run(b, step + 1, at + c.pattern().length, budget)) {
                        return true;
                    }
                    if (budget[0] < 0) {
                        return false;
                    }
                    from = at + 1;
                }
            }
            case Step.Regex r -> {
                int from = r.relative() ? Math.min(cursor, b.length) : 0;
                Matcher m = r.pattern().matcher(new BoundedChars(b, REGEX_BUDGET));
                m.region(from, b.length);
                boolean found;
                try {
                    found = m.find();
                } catch (BoundedChars.Exhausted e) {
                    return false; // a pathological regex on a hostile buffer: no match, counted by nobody but safe
                }
                if (r.negated()) {
                    return !found && run(b, step + 1, cursor, budget);
                }
                return found && run(b, step + 1, m.end(), budget);
            }
            case Step.DataAt d -> {
                int position = d.relative() ? cursor + d.position() : d.position();
                boolean has = position < b.length;
                return has != d.negated() && run(b, step + 1, cursor, budget);
            }
            case Step.Length l -> {
                return l.test().test(b.length) && run(b, step + 1, cursor, budget);
            }
            case Step.ByteTest t -> {
                long v = ByteReading.read(b, t.flags().contains("relative") ? cursor + t.offset() : t.offset(), t.bytes(), t.flags());
                return v != ByteReading.NONE && ByteReading.compare(v, t.operator(), t.value(), t.flags())
                        && run(b, step + 1, cursor, budget);
            }
            case Step.ByteJump j -> {
                int at = j.flags().contains("relative") ? cursor + j.offset() : j.offset();
                int next = ByteReading.jump(b, at, j.bytes(), j.flags());
                return next >= 0 && run(b, step + 1, next, budget);
            }
        }
    }

    /** The first occurrence of the content at or after {@code from} that ends by {@code limit}, or -1. */
    private static int find(byte[] b, Step.Content c, int from, int limit) {
        byte[] p = c.pattern();
        int last = limit - p.length;
        for (int at = from; at <= last; at++) {
            if (c.endsWith() && at + p.length != b.length) {
                continue;
            }
            int k = 0;
            while (k < p.length && same(b[at + k], p[k], c.nocase())) {
                k++;
            }
            if (k == p.length) {
                return at;
            }
        }
        return -1;
    }

    private static boolean same(byte x, byte y, boolean nocase) {
        if (x == y) {
            return true;
        }
        if (!nocase) {
            return false;
        }
        int a = x & 0xff;
        int b = y & 0xff;
        return (a | 0x20) == (b | 0x20) && (a | 0x20) >= 'a' && (a | 0x20) <= 'z';
    }
}
