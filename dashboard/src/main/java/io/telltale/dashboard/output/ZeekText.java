package io.telltale.dashboard.output;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number and string formats of Zeek's ASCII and JSON log writers. */
final class ZeekText {

    private ZeekText() {
    }

    /** Seconds with six decimals, as Zeek prints {@code time} and {@code interval} values. */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos).movePointLeft(9).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * A string field for the TSV log: bytes outside printable ASCII, the tab separator, the set
     * separator and backslash are written as {@code \xHH}; a value that would read as unset or empty
     * is escaped too. Strings from the wire go through here before they reach a file.
     */
    static String tsvString(String value) {
        if (value.isEmpty()) {
            return "(empty)";
        }
        if (value.equals("-")) {
            return "\\x2d";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = c >= 0x20 && c < 0x7f && c != '\\' && c != ',';
            if (plain) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (c < 0x100) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                for (byte b : utf8) {
                    out.append(String.format("\\x%02x", b & 0xff));
                }
            }
        }
        return out == null ? value : out.toString();
    }
}
