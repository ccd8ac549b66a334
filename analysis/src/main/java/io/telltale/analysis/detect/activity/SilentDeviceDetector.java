package io.telltale.analysis.detect.activity;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.FlowRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A device of the policy that stops talking, or keeps talking without being answered. Silent: nothing
 * from it for an hour and for ten times its usual gap between conversations (a scanner that syncs
 * its clock every 64 s is missed after an hour; one that talks hourly, after ten), in hours of the
 * day when it had been talking on at least {@link #USUAL_DAYS} earlier days — lanes close at night,
 * and a scanner switched off after the last flight is not news. One-directional:
 * {@link #UNANSWERED_RUN} conversations in a row that nothing answered, over half an hour or more,
 * after it had been answered before — it lost its peers, or someone cut its return path.
 */
public final class SilentDeviceDetector implements Detector {

    static final long HOUR = 3_600_000_000_000L;
    static final int MIN_FLOWS = 20;
    static final int UNANSWERED_RUN = 20;
    static final int GAPS_KEPT = 64;
    static final int USUAL_DAYS = 2;
    static final long DAY = 24 * HOUR;

    /** One device's rhythm. */
    private static final class Rhythm {
        long flows;
        long last = Long.MIN_VALUE;
        final long[] gaps = new long[GAPS_KEPT];
        int unansweredRun;
        long unansweredSince;
        boolean everAnswered;
        boolean silentReported;
        boolean oneWayReported;
        long lastFlow;
        /** Per hour of the day: on how many days it talked then, and the last such day. */
        final int[] daysAtHour = new int[24];
        final long[] lastDayAtHour = new long[24];

        Rhythm() {
            Arrays.fill(lastDayAtHour, Long.MIN_VALUE);
        }

        void talkedAt(long nanos) {
            long day = Math.floorDiv(nanos, DAY);
            int hour = (int) (Math.floorMod(nanos, DAY) / HOUR);
            if (lastDayAtHour[hour] != day) {
                lastDayAtHour[hour] = day;
                daysAtHour[hour]++;
            }
        }

        /** Whether, in the hours from {@code from} to {@code to}, it usually talks: on earlier days, at those hours. */
        boolean usuallyTalks(long from, long to) {
            for (long t = from + HOUR; t <= to; t += HOUR) {
                int hour = (int) (Math.floorMod(t, DAY) / HOUR);
                long day = Math.floorDiv(t, DAY);
                int earlier = daysAtHour[hour] - (lastDayAtHour[hour] == day ? 1 : 0);
                if (earlier >= USUAL_DAYS) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Policy policy;
    private final Map<String, Rhythm> devices = new HashMap<>();

    public SilentDeviceDetector(Policy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "device-activity";
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        String device = f.originatorHost();
        if (f.interim() || Addresses.onLink(f.responderHost()) || policy.groupsOf(device).isEmpty()) {
            return; // only devices the policy knows are expected to keep a rhythm
        }
        Rhythm r = devices.computeIfAbsent(device, d -> new Rhythm());
        if (r.last != Long.MIN_VALUE && f.startNanos() > r.last) {
            r.gaps[(int) (r.flows % GAPS_KEPT)] = f.startNanos() - r.last;
        }
        r.last = Math.max(r.last, f.startNanos());
        r.talkedAt(f.startNanos());
        r.flows++;
        r.lastFlow = f.id();
        r.silentReported = false; // it spoke again
        boolean answered = f.responderPackets() > 0 && !f.connState().equals("REJ");
        if (answered) {
            r.everAnswered = true;
            r.unansweredRun = 0;
            r.oneWayReported = false;
            return;
        }
        if (r.unansweredRun++ == 0) {
            r.unansweredSince = f.startNanos();
        }
        if (r.everAnswered && !r.oneWayReported && r.unansweredRun >= UNANSWERED_RUN
                && f.startNanos() - r.unansweredSince >= HOUR / 2) {
            r.oneWayReported = true;
            out.accept(new Finding(f.startNanos(), Category.DEVICE_SILENT, Severity.MEDIUM,
                    device + " is no longer answered",
                    String.format(Locale.ROOT, "%s started %d conversations in a row since %s and none was answered, though it "
                            + "had been before: its peers are gone, or its return path was cut.", device, r.unansweredRun,
                            Instant.ofEpochSecond(r.unansweredSince / 1_000_000_000L)),
                    device, null, null, List.of("T0815"), List.of(f.id()), r.unansweredRun));
        }
    }

    @Override
    public void onEnd(long nowNanos, Consumer<Finding> out) {
        devices.forEach((device, r) -> {
            if (r.flows < MIN_FLOWS || r.silentReported) {
                return;
            }
            long[] gaps = Arrays.copyOf(r.gaps, (int) Math.min(r.flows - 1, GAPS_KEPT));
            Arrays.sort(gaps);
            long usual = gaps.length == 0 ? HOUR : gaps[gaps.length / 2];
            long quiet = nowNanos - r.last;
            if (quiet >= HOUR && quiet >= 10 * usual && r.usuallyTalks(r.last, nowNanos)) {
                r.silentReported = true;
                out.accept(new Finding(nowNanos, Category.DEVICE_SILENT, Severity.MEDIUM, device + " went silent",
                        String.format(Locale.ROOT, "Nothing from %s since %s (%.1f h), though it usually starts a conversation "
                                + "every %.0f s: it is off, unplugged, or moved to another network.", device,
                                Instant.ofEpochSecond(r.last / 1_000_000_000L), quiet / (double) HOUR, usual / 1e9),
                        device, null, null, List.of("T0881"), List.of(r.lastFlow), quiet / (double) HOUR));
            }
        });
    }
}
