package io.telltale.analysis.index;

import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import io.telltale.capture.flow.Addresses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
 * added; a code this version does not know is skipped, by its tag. The flow's own addresses are their
 * 4 or 16 bytes, not their text; its start and numeric id are not written (the document's doc values
 * hold them for sorting, and the reader passes them in), nor is its end, which is its start plus its
 * duration: together they were a third of a source.
 */
public final class SourceCodec {

    static final int TAG_LONG = 0;
    static final int TAG_TRUE = 1;
    static final int TAG_FALSE = 2;
    static final int TAG_TEXT = 3;
    /** An address: a byte of its length (4 or 16), then its bytes in network order. */
    static final int TAG_ADDRESS = 4;
    private static final int END_CODE;
    private static final int START_CODE;
    private static final int DURATION_CODE;

    private static final List<String> NAMES = load();
    private static final Map<String, Integer> CODES = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.size(); i++) {
            CODES.put(NAMES.get(i), i);
        }
        END_CODE = CODES.get(FlowFields.END.name());
        START_CODE = CODES.get(FlowFields.START.name());
        DURATION_CODE = CODES.get(FlowFields.DURATION.name());
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

        /** An address held as two longs, IPv4 mapped (as a flow record holds its own). */
        void address(int code, long high, long low) {
            varint(code);
            put(TAG_ADDRESS);
            ensure(17);
            if (Addresses.isIpv4(high, low)) {
                bytes[length++] = 4;
                putInt((int) low);
            } else {
                bytes[length++] = 16;
                putInt((int) (high >>> 32));
                putInt((int) high);
                putInt((int) (low >>> 32));
                putInt((int) low);
            }
        }

        private void putInt(int v) {
            bytes[length++] = (byte) (v >>> 24);
            bytes[length++] = (byte) (v >>> 16);
            bytes[length++] = (byte) (v >>> 8);
            bytes[length++] = (byte) v;
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
        return decode(bytes, offset, length, schema, null);
    }

    /**
     * The same, for a source whose start is not in it but in the document's doc values.
     *
     * @param start the flow's start from its doc values, or null
     */
    static Map<String, Object> decode(byte[] bytes, int offset, int length, IndexSchema schema, Long start) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (start != null) {
            fields.put(FlowFields.START.name(), start);
        }
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
                case TAG_ADDRESS -> {
                    int n = at < end ? bytes[at++] : -1;
                    if (n != 4 && n != 16 || at + n > end) {
                        throw new IllegalArgumentException("a stored source's address is not 4 or 16 bytes long");
                    }
                    value = address(bytes, at, n);
                    at += n;
                }
                default -> throw new IllegalArgumentException("a stored source has an unknown tag " + tag);
            }
            if (code < 0 || code >= NAMES.size()) {
                continue; // a field of a later version
            }
            if (code == DURATION_CODE && !fields.containsKey(FlowFields.END.name())
                    && fields.get(FlowFields.START.name()) instanceof Long first && value instanceof Long duration) {
                fields.put(FlowFields.END.name(), first + duration); // not written: the start and duration make it
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

    private static String address(byte[] bytes, int at, int n) {
        long high = 0;
        long low = 0;
        if (n == 4) {
            low = Addresses.mapIpv4(ByteBuffer.wrap(bytes, at, 4).getInt());
        } else {
            ByteBuffer b = ByteBuffer.wrap(bytes, at, 16);
            high = b.getLong();
            low = b.getLong();
        }
        return Addresses.text(high, low);
    }

    /** True for fields a flow document's source leaves out: its doc values hold them, or others make them. */
    static boolean derived(int code) {
        return code == END_CODE || code == START_CODE;
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
