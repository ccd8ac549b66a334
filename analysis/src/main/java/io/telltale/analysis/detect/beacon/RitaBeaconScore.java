package io.telltale.analysis.detect.beacon;

import java.util.Arrays;

/**
 * RITA v5's beacon score (peers.md §c.1), computed exactly: a timestamp sub-score (Bowley skew and
 * median absolute deviation of the gaps), a data-size sub-score (the same over the bytes each
 * connection sent), a histogram sub-score (24 bins: coefficient of variation, or two modes), and a
 * duration sub-score (how much of the window the connections cover, or the longest run of busy
 * hours), averaged with equal weights; then bucketed into RITA's threat score.
 */
public final class RitaBeaconScore {

    static final int MIN_UNIQUE_TIMESTAMPS = 4;
    static final double MODE_SENSITIVITY = 0.05;
    static final int BIMODAL_MIN_HOURS = 11;
    static final int BIMODAL_OUTLIER_REMOVAL = 1;
    static final int DURATION_MIN_HOURS = 6;
    static final int CONSISTENCY_IDEAL_HOURS = 12;

    /** The four parts and the score. */
    public record Score(double timestamps, double dataSizes, double histogram, double duration, double beacon) {

        /** RITA's bucketed threat score: 0, or 0.2–0.8 as the beacon score goes from 50 % to 100 %. */
        public double threat() {
            double v = beacon * 100;
            if (v < 50) {
                return 0;
            }
            if (v < 70) {
                return 0.2 + (v - 50) / 20 * 0.2;
            }
            if (v < 90) {
                return 0.4 + (v - 70) / 20 * 0.2;
            }
            return 0.6 + (Math.min(v, 100) - 90) / 10 * 0.2;
        }
    }

    private RitaBeaconScore() {
    }

    /**
     * @param startSeconds connection start times in the window, in seconds
     * @param bytes the originator's IP bytes of each connection
     * @param windowStart the window's start, seconds
     * @param windowEnd the window's end, seconds
     * @return the score, or null when there are fewer than 4 distinct start times
     */
    public static Score score(long[] startSeconds, long[] bytes, long windowStart, long windowEnd) {
        return score(startSeconds, bytes, windowStart, windowEnd, 24);
    }

    /**
     * The same with {@code binCount} histogram bins instead of RITA's 24. Ours, for windows longer than
     * a day: one bin per day, so a daily check-in fills its bins as evenly as an hourly one fills a
     * day's (RITA's 24 bins over a week leave a daily beacon 17 empty bins, and a histogram score of 0).
     */
    public static Score score(long[] startSeconds, long[] bytes, long windowStart, long windowEnd, int binCount) {
        long[] ts = startSeconds.clone();
        Arrays.sort(ts);
        if (Arrays.stream(ts).distinct().count() < MIN_UNIQUE_TIMESTAMPS) {
            return null;
        }
        double[] gaps = new double[ts.length - 1];
        int n = 0;
        for (int i = 1; i < ts.length; i++) {
            long d = ts[i] - ts[i - 1];
            if (d > 0) {
                gaps[n++] = d;
            }
        }
        double tsScore = n >= 3 ? statistical(Arrays.copyOf(gaps, n), 1) : 0;
        double[] sizes = Arrays.stream(bytes).asDoubleStream().toArray();
        double dsScore = sizes.length >= 3 ? statistical(sizes, 0) : 0;
        int[] bins = histogram(ts, windowStart, windowEnd, binCount);
        double hist = Math.max(cvScore(bins), bimodal(bins));
        double dur = duration(ts, bins, windowStart, windowEnd);
        double beacon = round3(0.25 * tsScore + 0.25 * dsScore + 0.25 * dur + 0.25 * hist);
        return new Score(tsScore, dsScore, hist, dur, beacon);
    }

    /** {@code round3((skewScore + madScore) / 2)} over sorted values (RITA's calculateStatisticalScore). */
    static double statistical(double[] values, double madDefault) {
        double[] v = values.clone();
        Arrays.sort(v);
        double q1 = quartile(v, 1);
        double q2 = quartile(v, 2);
        double q3 = quartile(v, 3);
        double skew = 0;
        if (q3 - q1 >= 10 && q2 != q1 && q2 != q3) {
            skew = (q1 + q3 - 2 * q2) / (q3 - q1);
        }
        double skewScore = 1 - Math.abs(skew);
        double median = median(v);
        double[] deviations = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            deviations[i] = Math.abs(v[i] - median);
        }
        Arrays.sort(deviations);
        double mad = median(deviations);
        double madScore = median >= 1 ? (median - mad) / median : madDefault;
        if (Double.isNaN(madScore) || madScore < 0) {
            madScore = 0;
        }
        return round3((skewScore + madScore) / 2);
    }

    /** Quartiles as montanaflynn/stats computes them: medians of the lower and upper halves. */
    static double quartile(double[] sorted, int which) {
        int n = sorted.length;
        if (which == 2) {
            return median(sorted);
        }
        int half = n / 2;
        double[] part = which == 1 ? Arrays.copyOfRange(sorted, 0, half)
                : Arrays.copyOfRange(sorted, n % 2 == 0 ? half : half + 1, n);
        return part.length == 0 ? sorted[0] : median(part);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static int[] histogram(long[] ts, long start, long end, int binCount) {
        int[] bins = new int[binCount];
        double width = Math.max(1, end - start) / (double) binCount;
        for (long t : ts) {
            int b = (int) Math.min(binCount - 1, Math.max(0, Math.floor((t - start) / width)));
            bins[b]++;
        }
        return bins;
    }

    static double cvScore(int[] bins) {
        double mean = Arrays.stream(bins).average().orElse(0);
        if (mean == 0) {
            return 0;
        }
        double variance = Arrays.stream(bins).mapToDouble(b -> (b - mean) * (b - mean)).sum() / bins.length;
        double cv = Math.sqrt(variance) / mean;
        return cv > 1 ? 0 : round3(1 - cv);
    }

    static double bimodal(int[] bins) {
        int max = Arrays.stream(bins).max().orElse(0);
        int binSize = (int) Math.ceil(max * MODE_SENSITIVITY);
        if (binSize == 0) {
            return 0;
        }
        java.util.Map<Integer, Integer> buckets = new java.util.HashMap<>();
        int totalBars = 0;
        for (int f : bins) {
            if (f > 0) {
                totalBars++;
                buckets.merge(f / binSize * binSize, 1, Integer::sum);
            }
        }
        if (totalBars < Math.min(BIMODAL_MIN_HOURS, bins.length)) {
            return 0;
        }
        int[] counts = buckets.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        int largest = counts[counts.length - 1];
        int second = counts.length > 1 ? counts[counts.length - 2] : 0;
        double score = (double) (largest + second) / Math.max(totalBars - BIMODAL_OUTLIER_REMOVAL, 1);
        return Math.min(1, round3(score));
    }

    static double duration(long[] ts, int[] bins, long start, long end) {
        int totalBars = (int) Arrays.stream(bins).filter(b -> b > 0).count();
        if (totalBars < Math.min(DURATION_MIN_HOURS, bins.length)) {
            return 0;
        }
        double coverage = Math.min(1, ceil3((double) (ts[ts.length - 1] - ts[0]) / Math.max(1, end - start)));
        int longest = 0;
        int run = 0;
        int n = bins.length;
        for (int i = 0; i < 2 * n; i++) { // twice round: a run may wrap past midnight
            if (bins[i % n] > 0) {
                run++;
                longest = Math.max(longest, Math.min(run, n));
            } else {
                run = 0;
            }
        }
        double consistency = Math.min(1, ceil3((double) longest / Math.min(CONSISTENCY_IDEAL_HOURS, n)));
        return Math.max(coverage, consistency);
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static double ceil3(double v) {
        return Math.ceil(v * 1000) / 1000.0;
    }
}
