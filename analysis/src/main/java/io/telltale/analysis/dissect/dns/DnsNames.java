package io.telltale.analysis.dissect.dns;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads domain names with compression (RFC 1035 §4.1.4). A pointer may only point backwards, to
 * before the label that holds it, and at most {@link #MAX_POINTERS} are followed: no input can make it
 * loop. Names longer than 255 bytes are malformed.
 */
final class DnsNames {

    static final int MAX_POINTERS = 32;
    static final int MAX_NAME_LENGTH = 255;

    /** Bytes of the name as text go here (reused per message). */
    private final byte[] text = new byte[MAX_NAME_LENGTH + 64];
    private int textLength;
    /** Offset just after the name in the message (where the next field starts), or -1 when malformed. */
    private int end;

    /**
     * Reads the name at {@code at} in {@code message[0, length)}.
     *
     * @return false when the name is malformed (truncated, looping, too long, reserved label type)
     */
    boolean read(MemorySegment message, long base, int length, int at) {
        textLength = 0;
        end = -1;
        int cursor = at;
        int pointers = 0;
        int lowestStart = at;
        int wireLength = 0;
        while (true) {
            if (cursor >= length) {
                return false;
            }
            int labelLength = Byte.toUnsignedInt(message.get(ValueLayout.JAVA_BYTE, base + cursor));
            if (labelLength == 0) {
                if (end < 0) {
                    end = cursor + 1;
                }
                return true;
            }
            int kind = labelLength & 0xc0;
            if (kind == 0xc0) {
                if (cursor + 1 >= length || ++pointers > MAX_POINTERS) {
                    return false;
                }
                int target = ((labelLength & 0x3f) << 8) | Byte.toUnsignedInt(message.get(ValueLayout.JAVA_BYTE, base + cursor + 1));
                if (end < 0) {
                    end = cursor + 2;
                }
                if (target >= lowestStart) {
                    return false; // forward or self pointer: the only way to build a loop
                }
                lowestStart = target;
                cursor = target;
                continue;
            }
            if (kind != 0) {
                return false; // 0x40 and 0x80 label types are reserved or obsolete
            }
            if (cursor + 1 + labelLength > length) {
                return false;
            }
            wireLength += labelLength + 1;
            if (wireLength > MAX_NAME_LENGTH) {
                return false;
            }
            if (textLength > 0) {
                text[textLength++] = '.';
            }
            MemorySegment.copy(message, ValueLayout.JAVA_BYTE, base + cursor + 1, text, textLength, labelLength);
            textLength += labelLength;
            cursor += 1 + labelLength;
        }
    }

    /**
     * Walks the name at {@code at} without keeping it (for probes, which must not allocate or hold
     * state): returns the offset after it, or -1 when it is malformed.
     */
    static int skip(MemorySegment message, long base, int length, int at) {
        int cursor = at;
        int wireLength = 0;
        while (cursor < length) {
            int labelLength = Byte.toUnsignedInt(message.get(ValueLayout.JAVA_BYTE, base + cursor));
            if (labelLength == 0) {
                return cursor + 1;
            }
            if ((labelLength & 0xc0) == 0xc0) {
                return cursor + 2 <= length ? cursor + 2 : -1;
            }
            if ((labelLength & 0xc0) != 0 || cursor + 1 + labelLength > length) {
                return -1;
            }
            wireLength += labelLength + 1;
            if (wireLength > MAX_NAME_LENGTH) {
                return -1;
            }
            cursor += 1 + labelLength;
        }
        return -1;
    }

    int end() {
        return end;
    }

    /**
     * The name as text. Bytes are taken as Latin-1 so that nothing is lost; writers escape what is not
     * printable. NetBIOS first-level encoding (32 letters A–P) is decoded when asked, as Zeek does on
     * port 137.
     */
    String text(boolean netbios) {
        if (netbios) {
            return textLength == 32 && isNetbiosEncoded() ? netbiosName()
                    : new String(text, 0, textLength, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        // DNS names compare without case (RFC 4343); Zeek logs them in lower case, and so do we.
        for (int i = 0; i < textLength; i++) {
            byte b = text[i];
            if (b >= 'A' && b <= 'Z') {
                text[i] = (byte) (b + ('a' - 'A'));
            }
        }
        return new String(text, 0, textLength, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private boolean isNetbiosEncoded() {
        for (int i = 0; i < 32; i++) {
            if (text[i] < 'A' || text[i] > 'P') {
                return false;
            }
        }
        return true;
    }

    /** 16 bytes, each from two letters; the 16th is the name's type suffix and trailing spaces pad it. */
    private String netbiosName() {
        byte[] decoded = new byte[15];
        for (int i = 0; i < 15; i++) {
            decoded[i] = (byte) (((text[2 * i] - 'A') << 4) | (text[2 * i + 1] - 'A'));
        }
        int n = 15;
        while (n > 0 && (decoded[n - 1] == ' ' || decoded[n - 1] == 0)) {
            n--;
        }
        return new String(decoded, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
