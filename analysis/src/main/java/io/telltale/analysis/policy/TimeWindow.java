package io.telltale.analysis.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * When a declaration holds, in UTC: on some weekdays ({@code days: [mon, tue]}) or dates
 * ({@code dates: ["2026-03-02"]}), or every day when neither is given, from {@code from} until
 * {@code to}. A window whose end is before its start runs past midnight (22:00–02:00), and then the
 * day named is the day it starts.
 */
public record TimeWindow(List<DayOfWeek> days, List<LocalDate> dates, LocalTime from, LocalTime to) {

    @JsonCreator
    static TimeWindow of(@JsonProperty("days") List<String> days, @JsonProperty("dates") List<String> dates,
                         @JsonProperty("from") String from, @JsonProperty("to") String to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("a window needs \"from\" and \"to\" (HH:MM, UTC)");
        }
        return new TimeWindow(days == null ? List.of() : days.stream().map(TimeWindow::day).toList(),
                dates == null ? List.of() : dates.stream().map(TimeWindow::date).toList(), time(from), time(to));
    }

    public TimeWindow {
        days = List.copyOf(days);
        dates = List.copyOf(dates);
    }

    /** Whether an instant (nanoseconds since 1970) falls in the window. */
    public boolean contains(long nanos) {
        ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)).atZone(ZoneOffset.UTC);
        LocalTime clock = t.toLocalTime();
        if (!from.isAfter(to)) {
            return !clock.isBefore(from) && clock.isBefore(to) && onDay(t.toLocalDate());
        }
        // past midnight: the evening part belongs to today, the morning part to the day before
        return (!clock.isBefore(from) && onDay(t.toLocalDate())) || (clock.isBefore(to) && onDay(t.toLocalDate().minusDays(1)));
    }

    private boolean onDay(LocalDate d) {
        if (days.isEmpty() && dates.isEmpty()) {
            return true;
        }
        return days.contains(d.getDayOfWeek()) || dates.contains(d);
    }

    private static DayOfWeek day(String s) {
        String d = s.toLowerCase(Locale.ROOT);
        for (DayOfWeek w : DayOfWeek.values()) {
            if (w.name().toLowerCase(Locale.ROOT).startsWith(d) && d.length() >= 3) {
                return w;
            }
        }
        throw new IllegalArgumentException("\"" + s + "\" is not a weekday (mon, tue, wed, thu, fri, sat, sun)");
    }

    private static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + s + "\" is not a date (YYYY-MM-DD)");
        }
    }

    private static LocalTime time(String s) {
        try {
            return s.equals("24:00") ? LocalTime.MAX : LocalTime.parse(s.length() == 4 ? "0" + s : s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + s + "\" is not a time of day (HH:MM, UTC)");
        }
    }
}
