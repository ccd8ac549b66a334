package io.telltale.analysis.index.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Times and durations as analysts type them: ISO times ({@code 2026-11-28T10:15:00Z}, without a zone
 * they are UTC), days ({@code 2026-11-28}), seconds since 1970, and durations with a unit
 * ({@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}, {@code 250ms}; a bare number is seconds).
 */
public final class TimeValues {

    private TimeValues() {
    }

    /** A point in time, in nanoseconds since 1970. */
    public static long instantNanos(String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d{1,12}(\\.\\d{1,9})?")) {
                return Math.round(Double.parseDouble(t) * 1e9);
            }
            if (t.length() == 10) {
                return nanos(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return nanos(java.time.OffsetDateTime.parse(t).toInstant());
            }
            return nanos(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time (2026-11-28, 2026-11-28T10:15:00Z or seconds since 1970)");
        }
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** A duration in nanoseconds. */
    public static long durationNanos(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int unitAt = 0;
        while (unitAt < t.length() && (Character.isDigit(t.charAt(unitAt)) || t.charAt(unitAt) == '.')) {
            unitAt++;
        }
        if (unitAt == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (90, 90s, 15m, 2h, 7d, 250ms)");
        }
        double number;
        try {
            number = Double.parseDouble(t.substring(0, unitAt));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (90, 90s, 15m, 2h, 7d, 250ms)");
        }
        double unit = switch (t.substring(unitAt)) {
            case "", "s" -> 1e9;
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "m", "min" -> 60e9;
            case "h" -> 3600e9;
            case "d" -> 86400e9;
            case "w" -> 7 * 86400e9;
            default -> throw new IllegalArgumentException("'" + text + "': unknown unit (ns, us, ms, s, m, h, d, w)");
        };
        return Math.round(number * unit);
    }
}
