package io.telltale.analysis.detect.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.policy.PolicyLoader;
import io.telltale.capture.flow.Addresses;
import io.telltale.capture.flow.FlowEndReason;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.capture.flow.PayloadStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Silence in hours a device usually talks is news; its usual night is not; unanswered talk after answers is. */
class SilentDeviceDetectorTest {

    static final long MINUTE = 60_000_000_000L;
    static final long DAY = 1440 * MINUTE;
    static final long START = 20_500 * DAY;

    static FlowRecord flow(long id, long at, boolean answered) {
        long[] a = Addresses.parse("10.20.30.21");
        long[] b = Addresses.parse("10.20.40.5");
        return new FlowRecord(id, at, 1_000_000, a[0], a[1], 123, b[0], b[1], 123, 17, false, "ntp", 48, answered ? 48 : 0,
                answered ? "SF" : "S0", true, true, 0, answered ? "Dd" : "D", 1, 76, answered ? 1 : 0, answered ? 76 : 0, 0, -1,
                -1, 0, 90, answered ? 90 : 0, FlowEndReason.IDLE, PayloadStats.NONE, PayloadStats.NONE, null);
    }

    static List<Finding> run(long until, long endAt, boolean workingHoursOnly, int unansweredFromMinute) throws Exception {
        SilentDeviceDetector d = new SilentDeviceDetector(PolicyLoader.parse("p.yaml", "groups:\n  eds: {cidr: [10.20.30.21/32]}\n"));
        List<Finding> found = new ArrayList<>();
        long id = 0;
        for (long t = START; t < until; t += 10 * MINUTE) {
            long minuteOfDay = (t % DAY) / MINUTE;
            if (workingHoursOnly && (minuteOfDay < 6 * 60 || minuteOfDay >= 22 * 60)) {
                continue;
            }
            d.onFlow(flow(id++, t, (t - START) / MINUTE < unansweredFromMinute), found::add);
        }
        d.onEnd(endAt, found::add);
        return found;
    }

    @Test
    void silenceAtAnHourItUsuallyTalksIsRaisedItsUsualNightIsNot() throws Exception {
        List<Finding> found = run(START + 2 * DAY + 12 * 60 * MINUTE, START + 2 * DAY + 18 * 60 * MINUTE, false, Integer.MAX_VALUE);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("10.20.30.21 went silent");
            assertThat(f.why()).contains("every 600 s");
        });
        // a lane that works 06:00-22:00: quiet at 23:59 on the third day is its usual night
        assertThat(run(START + 3 * DAY, START + 3 * DAY - MINUTE, true, Integer.MAX_VALUE)).isEmpty();
        // one day of history is not enough to know its habits
        assertThat(run(START + 12 * 60 * MINUTE, START + 18 * 60 * MINUTE, false, Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void talkingWithoutAnswerAfterBeingAnsweredIsRaisedOnce() throws Exception {
        List<Finding> found = run(START + DAY, START + DAY, false, 12 * 60);
        assertThat(found).singleElement().satisfies(f -> assertThat(f.title()).isEqualTo("10.20.30.21 is no longer answered"));
    }
}
