package io.telltale.capture.flow;

/** Stable flow ids and their text form, which looks like a Zeek uid ({@code C} + base62). */
public final class FlowIds {

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private FlowIds() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Id of a flow: hash of its canonical key and the time of its first packet. */
    static long flowId(long keyHash, long firstNanos) {
        long id = mix(keyHash ^ mix(firstNanos + 0x632BE59BD9B4E019L));
        return id == 0 ? 1 : id;
    }

    /** {@code C} followed by the id in base62 (unsigned), as Zeek's uids look. */
    public static String uid(long id) {
        return appendUid(new StringBuilder(13), id).toString();
    }

    /** Appends the uid of {@code id} to {@code target}. */
    public static StringBuilder appendUid(StringBuilder target, long id) {
        char[] out = new char[13];
        int at = out.length;
        long value = id;
        do {
            out[--at] = BASE62[(int) Long.remainderUnsigned(value, 62)];
            value = Long.divideUnsigned(value, 62);
        } while (value != 0);
        out[--at] = 'C';
        return target.append(out, at, out.length - at);
    }
}
