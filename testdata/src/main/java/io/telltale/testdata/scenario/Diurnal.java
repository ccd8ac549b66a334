package io.telltale.testdata.scenario;

import java.util.Random;

/**
 * A checkpoint's day: quiet at night, a morning wave from 05:30, a steady day, an evening wave, and
 * nothing after 22:30 (the busy hours of domain.md §5, 06:00–22:00). Arrival times are drawn as a
 * Poisson process thinned by the hour's share of the peak rate.
 */
public final class Diurnal {

    /** Share of the peak rate per hour of the day (UTC stands in for local time). */
    private static final double[] SHARE = {0, 0, 0, 0, 0, 0.05, 0.7, 1.0, 1.0, 0.85, 0.75, 0.7, 0.7, 0.75, 0.8, 0.85, 0.9,
        1.0, 0.95, 0.8, 0.6, 0.4, 0.15, 0};

    private Diurnal() {
    }

    public static double share(long nanos) {
        return SHARE[(int) (Math.floorMod(nanos, Plan.DAY) / Plan.HOUR)];
    }

    /** Arrival times between {@code from} and {@code to} at up to {@code peakPerHour}, following the day's shape. */
    public static void arrivals(Random random, long from, long to, double peakPerHour, java.util.function.LongConsumer at) {
        double meanGapNanos = Plan.HOUR / peakPerHour;
        long t = from;
        while (true) {
            t += (long) (-Math.log(1 - random.nextDouble()) * meanGapNanos);
            if (t >= to) {
                return;
            }
            if (random.nextDouble() < share(t)) {
                at.accept(t);
            }
        }
    }
}
