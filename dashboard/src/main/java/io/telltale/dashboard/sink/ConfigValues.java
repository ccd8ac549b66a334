package io.telltale.dashboard.sink;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes and durations as people write them in the configuration: {@code 256M}, {@code 2G}; {@code 500ms}, {@code 1s}, {@code 1h}. */
final class ConfigValues {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?)(I?B)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private ConfigValues() {
    }

    /** Powers of 1024: {@code 512K}, {@code 4M}, {@code 2G}, {@code 1T}; a bare number is bytes. */
    static long bytes(String field, String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(field + " must be a size such as 4096, 512K, 256M or 2G, not \"" + text + "\"");
        }
        int power = m.group(2).isEmpty() ? 0 : "KMGT".indexOf(m.group(2)) + 1;
        return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << (10 * power));
    }

    static Duration duration(String field, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(field + " must be a duration such as 500ms, 1s, 5m, 1h or 1d, not \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
