package io.telltale.dashboard.siem;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The pieces of a syslog message that strings from the wire pass through, each made safe for its
 * place: header fields reduced to printable US-ASCII within their RFC 5424 lengths, structured-data
 * values escaped exactly as RFC 5424 §6.3.3 says ({@code " \ ]} and nothing else), and, for
 * receivers that split on line ends (LF framing, RFC 3164), control characters written as rsyslog
 * itself writes them ({@code #012} for LF), so a newline in an SNI cannot start a second message.
 */
final class SyslogText {

    static final String NIL = "-";
    private static final DateTimeFormatter RFC5424_TIME = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC3164_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SyslogText() {
    }

    /**
     * A header field (HOSTNAME, APP-NAME, PROCID, MSGID): characters outside 33–126 become
     * {@code _}, the length is cut to the RFC's limit, and an empty value is the NILVALUE.
     */
    static String headerField(String value, int max) {
        if (value == null || value.isEmpty()) {
            return NIL;
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && b.length() < max; i++) {
            char c = value.charAt(i);
            b.append(c >= 33 && c <= 126 ? c : '_');
        }
        return b.toString();
    }

    /** RFC 5424 TIMESTAMP: UTC with microseconds ({@code 2025-03-14T09:26:53.123456Z}). */
    static String timestamp(long epochNanos) {
        return RFC5424_TIME.format(instant(epochNanos));
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /** RFC 3164 TIMESTAMP: {@code Mar  4 09:26:53}, in UTC (the format has no zone; the payload carries the full time). */
    static String legacyTimestamp(long epochNanos) {
        return RFC3164_TIME.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)));
    }

    /** Appends {@code name="value"} with the value escaped per RFC 5424 §6.3.3. */
    static void param(StringBuilder b, String name, String value, boolean singleLine) {
        b.append(' ').append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                b.append('\\').append(c);
            } else if (singleLine && (c < 0x20 || c == 0x7f)) {
                control(b, c);
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    /** Free text (MSG, a CEF or LEEF payload) for a receiver that splits on line ends: controls as {@code #NNN}. */
    static void text(StringBuilder b, String value, boolean singleLine) {
        if (!singleLine) {
            b.append(value);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                control(b, c);
            } else {
                b.append(c);
            }
        }
    }

    private static void control(StringBuilder b, char c) {
        b.append('#').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7))).append((char) ('0' + (c & 7)));
    }

    /** The first {@code limit} characters (never splitting a surrogate pair), with an ellipsis when cut. */
    static String clip(String value, int limit) {
        if (value == null || value.length() <= limit) {
            return value;
        }
        if (limit <= 0) {
            return "";
        }
        int end = Character.isHighSurrogate(value.charAt(limit - 1)) ? limit - 1 : limit;
        return value.substring(0, end) + "…";
    }
}
