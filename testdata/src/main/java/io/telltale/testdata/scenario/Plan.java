package io.telltale.testdata.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What a scenario is given to plan with, and what it plans: the site, the period being generated,
 * the volume scale (1 for real sizes: a CT volume is 50–150 MB; tests and the bundled example use
 * less), the load (how busy the lanes are), and a random stream of its own; conversations registered with their start times, and the
 * truth.
 */
public final class Plan {

    static final long SECOND = 1_000_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    record Entry(long startNanos, Script script) {
    }

    private final Site site;
    private final long startNanos;
    private final long endNanos;
    private final double volumeScale;
    private final Random random;
    private final double load;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Truth> truths = new ArrayList<>();

    Plan(Site site, long startNanos, long endNanos, double volumeScale, double load, Random random) {
        this.site = site;
        this.load = load;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.volumeScale = volumeScale;
        this.random = random;
    }

    public Site site() {
        return site;
    }

    public long start() {
        return startNanos;
    }

    public long end() {
        return endNanos;
    }

    public double volumeScale() {
        return volumeScale;
    }

    /** A size in bytes at this plan's scale, never below {@code floor}. */
    public int scaled(long realBytes, int floor) {
        return (int) Math.max(floor, Math.min(Integer.MAX_VALUE - 1024, Math.round(realBytes * volumeScale)));
    }

    public Random random() {
        return random;
    }

    /**
     * Arrivals (trays, bags, log bursts) between two times at up to {@code peakPerHour} times the
     * plan's load (1 for a busy lane; the bundled example runs a quieter one), in the day's shape.
     */
    public void arrivals(long from, long to, double peakPerHour, java.util.function.LongConsumer at) {
        Diurnal.arrivals(random, from, to, peakPerHour * load, at);
    }

    /** Midnight (UTC) of the day {@code nanos} falls in. */
    public static long dayOf(long nanos) {
        return Math.floorDiv(nanos, DAY) * DAY;
    }

    public static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, SECOND), Math.floorMod(nanos, SECOND));
    }

    /** A conversation that starts at {@code nanos}; ignored outside the period. */
    public void at(long nanos, Script script) {
        if (nanos >= startNanos && nanos < endNanos) {
            entries.add(new Entry(nanos, script));
        }
    }

    public void truth(Truth truth) {
        truths.add(truth);
    }

    List<Entry> entries() {
        return entries;
    }

    List<Truth> truths() {
        return truths;
    }
}
