package io.telltale.dashboard.output;

/** Number and string formats of Zeek's ASCII and JSON log writers. */
final class ZeekText {

    private ZeekText() {
    }

    /**
     * Seconds with six decimals. Zeek reads captures at microsecond precision (libpcap's default), so
     * nanosecond timestamps are truncated to the microsecond, as they are in Zeek's logs.
     */
    static String seconds(long nanos) {
        return micros(Math.floorDiv(nanos, 1000L));
    }

    /** An interval as Zeek computes it: the difference of the two times truncated to microseconds. */
    static String interval(long startNanos, long durationNanos) {
        return micros(Math.floorDiv(startNanos + durationNanos, 1000L) - Math.floorDiv(startNanos, 1000L));
    }

    /**
     * A double (a time or interval from a protocol field, not from the packet clock) as Zeek's ASCII
     * writer prints it, with modp_dtoa2's arithmetic: the whole part, then the fraction times 10^6
     * rounded half to even on the double. {@code %.6f} differs in the last digit about one time in
     * four; Zeek's ntp.log is the reference.
     */
    static String decimal(double value) {
        return appendDecimal(new StringBuilder(24), value).toString();
    }

    /** {@link #decimal} appended in place, for writers that print many numbers per line. */
    static StringBuilder appendDecimal(StringBuilder out, double value) {
        if (!Double.isFinite(value) || Math.abs(value) >= 1e15) {
            // Beyond where a double holds microseconds (a malformed field, 2^127 as an NTP poll):
            // plain digits, never an exponent a TSV reader would not expect.
            return out.append(Double.isFinite(value)
                    ? new java.math.BigDecimal(value).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString()
                    : Double.isNaN(value) ? "-" : value > 0 ? "inf" : "-inf");
        }
        boolean negative = value < 0;
        double magnitude = Math.abs(value);
        long whole = (long) magnitude;
        double scaled = (magnitude - whole) * 1e6;
        long fraction = (long) scaled;
        double rest = scaled - fraction;
        if (rest > 0.5 || (rest == 0.5 && (fraction & 1) == 1)) {
            fraction++;
            if (fraction >= 1_000_000) {
                fraction = 0;
                whole++;
            }
        }
        if (negative) {
            out.append('-');
        }
        out.append(whole).append('.');
        for (long scale = 100_000; scale > 1 && fraction < scale; scale /= 10) {
            out.append('0');
        }
        return out.append(fraction);
    }

    /**
     * A time or interval as Zeek's JSON writer prints it: the shortest form of the number, so trailing
     * zeros go and one stays after the point ({@code 120.0}, {@code 1300475168.78402}).
     */
    static String jsonDecimal(String sixDecimals) {
        int end = sixDecimals.length();
        while (end > 2 && sixDecimals.charAt(end - 1) == '0' && sixDecimals.charAt(end - 2) != '.') {
            end--;
        }
        return sixDecimals.substring(0, end);
    }

    private static String micros(long micros) {
        long magnitude = Math.abs(micros);
        StringBuilder out = new StringBuilder(24);
        if (micros < 0) {
            out.append('-');
        }
        out.append(magnitude / 1_000_000).append('.');
        long fraction = magnitude % 1_000_000;
        for (long scale = 100_000; scale > 1 && fraction < scale; scale /= 10) {
            out.append('0');
        }
        return out.append(fraction).toString();
    }

    /**
     * A string field for the TSV log: bytes outside printable ASCII and the tab separator are written
     * as {@code \xHH}, a backslash as two (Zeek's escaping, so a UNC path reads as in Zeek); a value that would read as unset or empty is escaped too. Strings
     * from the wire go through here before they reach a file. Commas stay, as in Zeek's logs
     * ({@code (KHTML, like Gecko)}): only inside a set are they separators.
     */
    static String tsvString(String value) {
        return escape(value, false);
    }

    /** An element of a set or vector field: as {@link #tsvString}, and the comma between elements escaped too. */
    static String tsvSetElement(String value) {
        return escape(value, true);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** {@code \xHH}, without a Formatter (they are made by the thousand when a tunnel's names are logged). */
    private static void hex(StringBuilder out, int b) {
        out.append('\\').append('x').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }

    private static String escape(String value, boolean inSet) {
        if (value.isEmpty()) {
            return "(empty)";
        }
        if (value.equals("-")) {
            return "\\x2d";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = c >= 0x20 && c < 0x7f && c != '\\' && (c != ',' || !inSet);
            if (plain) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (c == '\\') {
                out.append("\\\\"); // as Zeek's get_escaped_string: a backslash is doubled, not hex
            } else if (c < 0x100) {
                hex(out, c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (byte b : utf8) {
                    hex(out, b & 0xff);
                }
            }
        }
        return out == null ? value : out.toString();
    }
}
