package io.telltale.analysis.content;

/**
 * ICAO Doc 9303 check digits: characters map to values ({@code 0-9}, {@code A-Z} as 10–35,
 * {@code <} as 0), weighted 7, 3, 1 repeating, summed, modulo 10. A line counts as a machine-readable
 * zone when at least three of its check digits hold (reference/domain.md §4.1), which random text
 * of the same alphabet passes about once in a thousand times.
 */
final class MrzCheck {

    private static final int[] WEIGHTS = {7, 3, 1};

    private MrzCheck() {
    }

    static boolean alphabet(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '<';
    }

    private static int value(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'Z') {
            return b - 'A' + 10;
        }
        return 0;
    }

    /** The check digit of {@code length} characters from {@code from}. */
    static int digit(byte[] b, int from, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += value(b[from + i]) * WEIGHTS[i % 3];
        }
        return sum % 10;
    }

    /** Whether the check character at {@code at} is the digit of the field; a filler {@code <} checks an empty field. */
    static boolean holds(byte[] b, int from, int length, int at) {
        byte c = b[at];
        if (c == '<') {
            for (int i = 0; i < length; i++) {
                if (b[from + i] != '<') {
                    return false;
                }
            }
            return true;
        }
        return c >= '0' && c <= '9' && digit(b, from, length) == c - '0';
    }

    private static int checkDigits(byte[] b, int at, int... fieldsThenCheck) {
        int valid = 0;
        for (int i = 0; i < fieldsThenCheck.length; i += 3) {
            if (holds(b, at + fieldsThenCheck[i], fieldsThenCheck[i + 1], at + fieldsThenCheck[i + 2])) {
                valid++;
            }
        }
        return valid;
    }

    private static boolean digits(byte[] b, int from, int length) {
        for (int i = 0; i < length; i++) {
            if (b[from + i] < '0' || b[from + i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean sex(byte c) {
        return c == 'M' || c == 'F' || c == 'X' || c == '<';
    }

    /** TD3 (44) or TD2 (36) line 2 at {@code at}: document number, birth date, expiry, optional data, composite. */
    static boolean line2(byte[] b, int at, int length) {
        if (!digits(b, at + 13, 6) || !digits(b, at + 21, 6) || !sex(b[at + 20])) {
            return false;
        }
        int valid = checkDigits(b, at, 0, 9, 9, 13, 6, 19, 21, 6, 27);
        if (length == 44) {
            valid += checkDigits(b, at, 28, 14, 42);
            valid += composite(b, at, 43, new int[]{0, 10, 13, 7, 21, 22}) ? 1 : 0;
        } else {
            valid += composite(b, at, 35, new int[]{0, 10, 13, 7, 21, 14}) ? 1 : 0;
        }
        return valid >= 3;
    }

    /** TD1 lines 1 and 2, 30 characters each, at {@code l1} and {@code l2}. */
    static boolean td1(byte[] b, int l1, int l2) {
        byte type = b[l1];
        if ((type != 'I' && type != 'A' && type != 'C') || !digits(b, l2, 6) || !digits(b, l2 + 8, 6) || !sex(b[l2 + 7])) {
            return false;
        }
        int valid = (holds(b, l1 + 5, 9, l1 + 14) ? 1 : 0) + (holds(b, l2, 6, l2 + 6) ? 1 : 0) + (holds(b, l2 + 8, 6, l2 + 14) ? 1 : 0);
        byte[] joined = new byte[25 + 7 + 7 + 11];
        System.arraycopy(b, l1 + 5, joined, 0, 25);
        System.arraycopy(b, l2, joined, 25, 7);
        System.arraycopy(b, l2 + 8, joined, 32, 7);
        System.arraycopy(b, l2 + 18, joined, 39, 11);
        byte c = b[l2 + 29];
        valid += c >= '0' && c <= '9' && digit(joined, 0, joined.length) == c - '0' ? 1 : 0;
        return valid >= 3;
    }

    /** The composite check at {@code at + check} over the (offset, length) ranges given. */
    private static boolean composite(byte[] b, int at, int check, int[] ranges) {
        int sum = 0;
        int position = 0;
        for (int r = 0; r < ranges.length; r += 2) {
            for (int i = 0; i < ranges[r + 1]; i++, position++) {
                sum += value(b[at + ranges[r] + i]) * WEIGHTS[position % 3];
            }
        }
        byte c = b[at + check];
        return c >= '0' && c <= '9' && sum % 10 == c - '0';
    }
}
