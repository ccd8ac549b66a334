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

    /** The id a uid stands for; {@link IllegalArgumentException} when the text is not a uid. */
    public static long parse(String uid) {
        if (uid == null || uid.length() < 2 || uid.length() > 12 || uid.charAt(0) != 'C') {
            throw new IllegalArgumentException("'" + uid + "' is not a flow uid (C and up to 11 letters or digits)");
        }
        long value = 0;
        for (int i = 1; i < uid.length(); i++) {
            char c = uid.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : c >= 'a' && c <= 'z' ? c - 'a' + 36 : -1;
            if (digit < 0 || Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 62)) > 0) {
                throw new IllegalArgumentException("'" + uid + "' is not a flow uid (C and up to 11 letters or digits)");
            }
            value = value * 62 + digit;
        }
        return value;
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
