package io.telltale.analysis.dissect.recognise;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Bounds-checked reads for probes: anything beyond the payload reads as "no match". */
final class Bytes {

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    static int u8(MemorySegment data, long at) {
        return data.get(ValueLayout.JAVA_BYTE, at) & 0xff;
    }

    static int u16(MemorySegment data, long at) {
        return Short.toUnsignedInt(data.get(U16, at));
    }

    static long u32le(MemorySegment data, long at) {
        return Integer.toUnsignedLong(data.get(U32_LE, at));
    }

    static boolean startsWith(MemorySegment data, long offset, int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data.get(ValueLayout.JAVA_BYTE, offset + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first line (up to 256 bytes, without CR LF) as text. */
    static String firstLine(MemorySegment data, long offset, int length) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < Math.min(length, 256); i++) {
            byte b = data.get(ValueLayout.JAVA_BYTE, offset + i);
            if (b == '\r' || b == '\n') {
                break;
            }
            line.append((char) (b & 0xff));
        }
        return line.toString();
    }
}
