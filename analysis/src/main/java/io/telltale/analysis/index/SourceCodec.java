package io.telltale.analysis.index;

import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored source of a flow document, compact: per value a field code (varint), a tag, and the value
 * (a zig-zag varint, nothing for a boolean, or UTF-8 with its length). JSON spelled every field name in
 * every document — two thirds of its 670 bytes — and the stored fields were the dearest part of
 * indexing (they are compressed at each flush and merge of a time-sorted index). Codes are the line
 * numbers of {@code source-codes.txt}, which is append-only, so an index stays readable as fields are
 * added; a code this version does not know is skipped, by its tag.
 */
public final class SourceCodec {

    static final int TAG_LONG = 0;
    static final int TAG_TRUE = 1;
    static final int TAG_FALSE = 2;
    static final int TAG_TEXT = 3;

    private static final List<String> NAMES = load();
    private static final Map<String, Integer> CODES = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.size(); i++) {
            CODES.put(NAMES.get(i), i);
        }
    }

    private static List<String> load() {
        List<String> names = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SourceCodec.class.getResourceAsStream("source-codes.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(names);
    }

    /** The names in code order. */
    static List<String> names() {
        return NAMES;
    }

    /** The code of a field, or -1 when the list lacks it (a test keeps the list complete). */
    static int code(String name) {
        return CODES.getOrDefault(name, -1);
    }

    /** Writes one document's source into a reused buffer. Not thread-safe. */
    static final class Writer {
        private byte[] bytes = new byte[512];
        private int length;

        void reset() {
            length = 0;
        }

        void value(int code, Object value) {
            varint(code);
            switch (value) {
                case Long n -> {
                    put(TAG_LONG);
                    varint((n << 1) ^ (n >> 63));
                }
                case Boolean b -> put(b ? TAG_TRUE : TAG_FALSE);
                default -> {
                    byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
                    put(TAG_TEXT);
                    varint(text.length);
                    ensure(text.length);
                    System.arraycopy(text, 0, bytes, length, text.length);
                    length += text.length;
                }
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }

        private void put(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
        }

        private void varint(long value) {
            ensure(10);
            long v = value;
            while ((v & ~0x7fL) != 0) {
                bytes[length++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            bytes[length++] = (byte) v;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }

    /**
     * The source as field name to value; a list for list fields and for fields given more than once. The
     * numeric id and sequence come under {@link IndexSchema#ID_KEY} and {@link IndexSchema#SEQUENCE_KEY}.
     */
    static Map<String, Object> decode(byte[] bytes, int offset, int length, IndexSchema schema) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int at = offset;
        int end = offset + length;
        long[] cursor = new long[1];
        while (at < end) {
            at = varint(bytes, at, end, cursor);
            long code = cursor[0];
            if (at >= end) {
                throw new IllegalArgumentException("a stored source ends after a field code");
            }
            int tag = bytes[at++];
            Object value;
            switch (tag) {
                case TAG_LONG -> {
                    at = varint(bytes, at, end, cursor);
                    value = (cursor[0] >>> 1) ^ -(cursor[0] & 1);
                }
                case TAG_TRUE -> value = Boolean.TRUE;
                case TAG_FALSE -> value = Boolean.FALSE;
                case TAG_TEXT -> {
                    at = varint(bytes, at, end, cursor);
                    int n = (int) cursor[0];
                    if (n < 0 || at + n > end) {
                        throw new IllegalArgumentException("a stored source's text runs past its end");
                    }
                    value = new String(bytes, at, n, StandardCharsets.UTF_8);
                    at += n;
                }
                default -> throw new IllegalArgumentException("a stored source has an unknown tag " + tag);
            }
            if (code < 0 || code >= NAMES.size()) {
                continue; // a field of a later version
            }
            String name = NAMES.get((int) code);
            FieldSpec field = schema.field(name);
            boolean list = field != null && (field.type() == FieldType.TEXT_LIST || field.type() == FieldType.COUNT_LIST);
            Object before = fields.get(name);
            if (before == null) {
                fields.put(name, list ? new ArrayList<>(List.of(value)) : value);
            } else if (before instanceof List<?> values) {
                @SuppressWarnings("unchecked")
                List<Object> more = (List<Object>) values;
                more.add(value);
            } else {
                fields.put(name, new ArrayList<>(List.of(before, value)));
            }
        }
        return fields;
    }

    private static int varint(byte[] bytes, int at, int end, long[] out) {
        long value = 0;
        int shift = 0;
        int i = at;
        byte b;
        do {
            if (i >= end || shift > 63) {
                throw new IllegalArgumentException("a stored source ends inside a number");
            }
            b = bytes[i++];
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        out[0] = value;
        return i;
    }
}
