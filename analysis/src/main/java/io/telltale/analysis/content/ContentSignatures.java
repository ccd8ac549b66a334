package io.telltale.analysis.content;

/**
 * The signatures of reference/domain.md §4 over a byte array, in one pass: a switch on each byte for
 * the magic numbers, and runs of the MRZ alphabet measured on the way. Only matches that fit wholly
 * in {@code [from, to)} count; the caller rescans a short tail with the next bytes, so a match cut
 * by a segment boundary is found then. A match is decided on the last byte it needs; one decided
 * inside the rescanned tail (before {@code fresh}) was decided in the previous call, with the bytes
 * before the tail in view, and is not told again: the tail's first bytes lack that context, and a
 * stream cut elsewhere must find exactly the same.
 */
final class ContentSignatures {

    /** Told of every match; {@code offset} is the index in the array. */
    interface Hits {
        void hit(SensitiveKind kind, byte[] data, int offset, int length);

        /** A gzip stream starts at {@code offset}; {@code base64} when it is Base64 text ({@code H4sI}). */
        default void gzip(int offset, boolean base64) {
        }
    }

    static final byte[] DICOS_UID = "1.2.840.10008.5.1.4.1.1.501.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The longest reference between the separators of an EDIFACT {@code UNH}. */
    private static final int REFERENCE = 14;
    /**
     * The most bytes a match needs, from the byte before it to the one it is decided on: a TD1 MRZ
     * (two lines of 30 and a line break, with the byte before and the one after).
     */
    static final int LONGEST = 64;
    private static final String[] EDIFACT_TYPES = {"PAXLST", "PNRGOV", "CUSCAR", "IFTMIN", "IFTMCS", "CUSDEC", "CUSRES", "BAPLIE"};

    private ContentSignatures() {
    }

    /** Per byte value: {@link #MRZ} when it belongs to the MRZ alphabet, {@link #TRIGGER} when a signature may start with it. */
    private static final byte[] CLASS = new byte[256];
    private static final byte MRZ = 1;
    private static final byte TRIGGER = 2;

    static {
        for (int c = 0; c < 256; c++) {
            CLASS[c] = (byte) ((MrzCheck.alphabet((byte) c) ? MRZ : 0)
                    | ("FD1UBH".indexOf(c) >= 0 || c == 0xFF || c == 0x1F ? TRIGGER : 0));
        }
    }

    /** A whole buffer, nothing before it. */
    static void scan(byte[] b, int from, int to, Hits hits) {
        scan(b, from, from, to, true, hits);
    }

    /**
     * Scans {@code [from, to)} of which {@code [from, fresh)} was scanned before; {@code streamStart}
     * when {@code from} is the first byte of the stream (no byte before it, so a word or a run starts
     * there), otherwise the byte before {@code from} is unknown. Every match is decided on one byte,
     * the last it needs to be seen; it is told when that byte is fresh, and so exactly once whatever
     * the cuts, provided the caller keeps at least {@link #LONGEST} bytes before {@code fresh}.
     */
    static void scan(byte[] b, int from, int fresh, int to, boolean streamStart, Hits hits) {
        int run = from; // start of the current run of MRZ characters
        boolean runOpen = !streamStart; // the first run may have begun before from: its length is unknown
        int previousRunStart = -1;
        int previousRunLength = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            int kind = CLASS[c & 0xff];
            if (kind == MRZ) {
                continue; // inside a run; the common case in text
            }
            if ((kind & MRZ) == 0 && run < i) {
                int length = runOpen ? -1 : i - run; // a run cut at the front is neither a line nor half of one
                if (i >= fresh && (length == 44 || length == 36)) {
                    if (MrzCheck.line2(b, run, length)) {
                        hits.hit(SensitiveKind.MRZ, b, run, length);
                    }
                } else if (i >= fresh && length == 30 && previousRunLength == 30 && run - previousRunStart <= 32
                        && MrzCheck.td1(b, previousRunStart, run)) {
                    hits.hit(SensitiveKind.MRZ, b, previousRunStart, run + 30 - previousRunStart);
                }
                previousRunStart = run;
                previousRunLength = length;
            }
            if ((kind & MRZ) == 0) {
                run = i + 1;
                runOpen = false;
            }
            if ((kind & TRIGGER) == 0) {
                continue;
            }
            switch (c) {
                case 'F' -> {
                    if (i + 7 < to && i + 7 >= fresh) {
                        magicF(b, i, hits);
                    }
                }
                case (byte) 0xFF -> {
                    if (i + 3 < to && i + 3 >= fresh && b[i + 1] == (byte) 0xA0 && b[i + 2] == (byte) 0xFF) {
                        byte m = b[i + 3];
                        if (m == (byte) 0xA8 || m == (byte) 0xA4 || m == (byte) 0xA5 || m == (byte) 0xA6 || m == (byte) 0xA2) {
                            hits.hit(SensitiveKind.WSQ, b, i, 4);
                        }
                    }
                }
                case 'D' -> {
                    if (i + 5 < to && i + 5 >= fresh && b[i + 1] == 'I' && b[i + 2] == 'C' && b[i + 3] == 'M' && b[i + 4] == 2
                            && b[i + 5] == 0) {
                        hits.hit(SensitiveKind.DICOM_FILE, b, i, 6);
                    }
                }
                case '1' -> {
                    int last = i + DICOS_UID.length - 1;
                    if (last < to && last >= fresh && startsWith(b, i, to, DICOS_UID)) {
                        hits.hit(SensitiveKind.DICOS_UID, b, i, DICOS_UID.length);
                    }
                }
                case 'U' -> edifact(b, i, fresh, to, hits);
                case 'B' -> {
                    // BSM or BPM not inside a word, then a line break and an element (".V/", ".F/", ...)
                    if (i + 5 < to && i + 5 >= fresh && (i == from ? streamStart : !Character.isLetterOrDigit(b[i - 1]))
                            && (b[i + 1] == 'S' || b[i + 1] == 'P') && b[i + 2] == 'M') {
                        int at = b[i + 3] == '\r' ? i + 4 : i + 3;
                        if (b[at] == '\n' && b[at + 1] == '.') {
                            hits.hit(SensitiveKind.BAGGAGE_MESSAGE, b, i, at + 2 - i);
                        }
                    }
                }
                case 'H' -> {
                    if (i + 3 < to && i + 3 >= fresh && b[i + 1] == '4' && b[i + 2] == 's' && b[i + 3] == 'I') {
                        hits.gzip(i, true);
                    }
                }
                case 0x1F -> {
                    if (i + 2 < to && i + 2 >= fresh && b[i + 1] == (byte) 0x8B && b[i + 2] == 8) {
                        hits.gzip(i, false);
                    }
                }
                default -> {
                    // not the start of anything sought
                }
            }
        }
    }

    /** {@code FMR\0} + a 2005 or 2011 version; {@code FIR\0} and {@code FAC\0} likewise; {@code b[i, i + 8)} in view. */
    private static void magicF(byte[] b, int i, Hits hits) {
        if (b[i + 3] != 0 || b[i + 7] != 0) {
            return;
        }
        byte x = b[i + 1];
        byte y = b[i + 2];
        boolean version = (b[i + 4] == ' ' || b[i + 4] == '0') && b[i + 5] >= '0' && b[i + 5] <= '3' && b[i + 6] == '0';
        if (!version) {
            return;
        }
        if (x == 'M' && y == 'R') {
            hits.hit(SensitiveKind.FINGERPRINT_TEMPLATE, b, i, 8);
        } else if (x == 'I' && y == 'R') {
            hits.hit(SensitiveKind.FINGERPRINT_IMAGE, b, i, 8);
        } else if (x == 'A' && y == 'C') {
            hits.hit(SensitiveKind.FACE_IMAGE, b, i, 8);
        }
    }

    /**
     * {@code UNH<sep>ref<sep>PAXLST:} with {@code +} or {@code *} as separators and a reference of at
     * most 14 characters. Decided on the type's colon, or on the last byte where the second separator
     * could be: where a stream ends before that, there is no message.
     */
    private static void edifact(byte[] b, int i, int fresh, int to, Hits hits) {
        if (i + 3 >= to || b[i + 1] != 'N' || b[i + 2] != 'H' || (b[i + 3] != '+' && b[i + 3] != '*')) {
            return;
        }
        byte separator = b[i + 3];
        for (int at = i + 5; at <= i + 4 + REFERENCE; at++) {
            if (at >= to) {
                return; // not decided yet
            }
            if (b[at] == separator) {
                int colon = at + 7;
                if (colon >= to || colon < fresh || b[colon] != ':') {
                    return;
                }
                for (String type : EDIFACT_TYPES) {
                    if (startsWith(b, at + 1, to, type)) {
                        hits.hit(SensitiveKind.EDIFACT, b, i, at + 8 - i);
                        return;
                    }
                }
                return;
            }
        }
    }

    private static boolean startsWith(byte[] b, int at, int to, byte[] prefix) {
        if (at + prefix.length > to) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int at, int to, String prefix) {
        if (at + prefix.length() > to) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (b[at + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
