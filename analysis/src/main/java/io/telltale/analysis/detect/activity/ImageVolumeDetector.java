package io.telltale.analysis.detect.activity;

import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.ProtocolRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A scanner that keeps working but stops sending its images (reference/domain.md §5, A17). Per
 * device, DICOM objects stored per hour; an hour, or a run of hours, in the middle of the working day
 * where the count falls below {@link #DROP} of the day's median hour, with busy hours on both sides,
 * is a telemetry mismatch: the images went somewhere, or the device was stopped. The alert says what
 * the wire cannot show — a cellular modem or Wi-Fi link leaves no trace on the SPAN port (T1011).
 */
public final class ImageVolumeDetector implements Detector {

    static final double DROP = 0.2;
    /** A median hour below this many stores is too quiet to judge. */
    static final int MIN_MEDIAN = 10;
    static final long HOUR = 3_600_000_000_000L;
    static final int MAX_DEVICES = 10_000;

    /** Stores per hour (hour index since 1970) of one device. */
    private final Map<String, TreeMap<Long, Integer>> hourly = new HashMap<>();
    private final Map<String, Long> reportedUntil = new HashMap<>();

    @Override
    public String name() {
        return "image-volume";
    }

    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        if (record instanceof DicomRecord d && d.stores() > 0) {
            TreeMap<Long, Integer> hours = hourly.get(d.originatorHost());
            if (hours == null) {
                if (hourly.size() >= MAX_DEVICES) {
                    return;
                }
                hours = new TreeMap<>();
                hourly.put(d.originatorHost(), hours);
            }
            hours.merge(Math.floorDiv(d.timestampNanos(), HOUR), d.stores(), Integer::sum);
            while (hours.size() > 24 * 31) {
                hours.pollFirstEntry();
            }
        }
    }

    @Override
    public void onEnd(long nowNanos, Consumer<Finding> out) {
        hourly.forEach((device, hours) -> judge(device, hours, out));
    }

    private void judge(String device, TreeMap<Long, Integer> hours, Consumer<Finding> out) {
        if (hours.size() < 4) {
            return;
        }
        long first = hours.firstKey();
        long last = hours.lastKey();
        int[] counts = new int[(int) Math.min(last - first + 1, 24 * 31)];
        hours.forEach((h, n) -> {
            if (h - first < counts.length) {
                counts[(int) (h - first)] = n;
            }
        });
        List<Integer> working = new ArrayList<>();
        for (int c : counts) {
            if (c > 0) {
                working.add(c);
            }
        }
        int[] sorted = working.stream().mapToInt(Integer::intValue).sorted().toArray();
        int median = sorted[sorted.length / 2];
        if (median < MIN_MEDIAN) {
            return;
        }
        for (int i = 1; i < counts.length - 1; i++) {
            if (counts[i] > DROP * median || counts[i - 1] < median / 2) {
                continue;
            }
            int end = i;
            while (end < counts.length && counts[end] <= DROP * median) {
                end++;
            }
            if (end >= counts.length || counts[end] < median / 2 || end - i > 6) {
                i = end;
                continue; // the day's end, or a closed lane: not a drop between busy hours
            }
            long from = (first + i) * HOUR;
            long to = (first + end) * HOUR;
            if (reportedUntil.getOrDefault(device, Long.MIN_VALUE) >= to) {
                return;
            }
            reportedUntil.put(device, to);
            int stored = Arrays.stream(counts, i, end).sum();
            out.accept(new Finding(from, Category.TELEMETRY_MISMATCH, Severity.MEDIUM,
                    "Images stopped while " + device + " was busy",
                    String.format(Locale.ROOT, "%s stored %d images in the %d hour(s) from %s, against a median of %d an hour on "
                            + "this day and busy hours on either side: the device was working but its images did not reach the "
                            + "image server. Either it was stopped, or the images left another way. A cellular modem, Wi-Fi or "
                            + "removable media leave nothing on the SPAN port: this monitor cannot see an out-of-band channel "
                            + "(ATT&CK T1011), and its silence here is no proof there was none. Check the device.",
                            device, stored, end - i, java.time.Instant.ofEpochSecond(from / 1_000_000_000L), median),
                    device, null, null, List.of("T1011"), List.of(), median == 0 ? -1 : 1 - (double) stored / ((end - i) * median)));
            i = end;
        }
    }
}
