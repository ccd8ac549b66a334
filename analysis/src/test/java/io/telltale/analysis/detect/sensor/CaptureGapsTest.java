package io.telltale.analysis.detect.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.event.Alert;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureGapsTest {

    private static final long T0 = 1_790_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final List<Alert> alerts = new ArrayList<>();
    private final CaptureGaps gaps = new CaptureGaps(alerts::add);

    @Test
    void anInterfaceDownIsOneAlertAtOnceAndOneWithItsLengthWhenBack() {
        gaps.linkDown("eth1", false, T0);
        gaps.linkDown("eth1", false, T0 + SECOND); // a second worker on the same interface says the same
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.category()).isEqualTo("capture-gap");
            assertThat(a.severity()).isEqualTo("high");
            assertThat(a.timestampNanos()).isEqualTo(T0);
            assertThat(a.title()).isEqualTo("Capture interface eth1 is down: nothing is seen until it is back");
            assertThat(a.deviceAddress()).isNull();
            assertThat(a.deviceName()).isEqualTo("capture interface eth1");
            assertThat(a.attack()).containsExactly("T1562");
        });
        gaps.linkBack("eth1", T0 + 754 * SECOND / 10);
        gaps.linkBack("eth1", T0 + 80 * SECOND); // the other worker: the gap is closed once
        assertThat(alerts).hasSize(2);
        Alert back = alerts.get(1);
        assertThat(back.title()).isEqualTo("Capture gap on eth1: down for 1 min 15 s");
        assertThat(back.timestampNanos()).as("the gap's alert is dated when it began").isEqualTo(T0);
        assertThat(back.why()).contains("from 2026-09-21T14:13:20Z to 2026-09-21T14:14:35.400Z");
        assertThat(back.id()).isNotEqualTo(alerts.get(0).id());
    }

    @Test
    void lossOverConsecutiveIntervalsIsOneEpisodeWithItsTotal() {
        gaps.interval("eth1", 0, 0, T0, T0 + 60 * SECOND);
        assertThat(alerts).isEmpty();
        gaps.interval("eth1", 1_200, 34, T0 + 60 * SECOND, T0 + 120 * SECOND);
        gaps.interval("eth1", 800, 0, T0 + 120 * SECOND, T0 + 180 * SECOND);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("Capture gap on eth1: 1,234 frames lost");
            assertThat(a.severity()).isEqualTo("medium");
            assertThat(a.why()).contains("1,200 dropped by the kernel or the interface, 34 shed");
        });
        gaps.interval("eth1", 0, 0, T0 + 180 * SECOND, T0 + 240 * SECOND);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).title()).isEqualTo("Capture gap on eth1: 2,034 frames lost over 3 min 0 s");
        gaps.interval("eth1", 5, 0, T0 + 240 * SECOND, T0 + 300 * SECOND);
        assertThat(alerts).as("a new episode is a new alert").hasSize(3);
        assertThat(alerts.stream().map(Alert::id).distinct()).hasSize(3);
    }

    @Test
    void gapsStillOpenWhenTheCaptureStopsAreClosedWithTheirLength() {
        gaps.linkDown("eth1", true, T0);
        gaps.interval("eth2", 7, 0, T0, T0 + SECOND);
        gaps.stop(T0 + 2 * 3_600 * SECOND + 300 * SECOND);
        assertThat(alerts).extracting(Alert::title).containsExactlyInAnyOrder(
                "Capture interface eth1 is gone: nothing is seen until it is back",
                "Capture gap on eth2: 7 frames lost",
                "Capture gap on eth1: gone for 2 h 5 min",
                "Capture gap on eth2: 7 frames lost over 2 h 5 min");
        assertThat(alerts.stream().filter(a -> a.title().contains(" for 2 h")).findFirst().orElseThrow().why())
                .contains("still down when the capture stopped");
        assertThat(gaps.raised()).isEqualTo(4);
    }

    @Test
    void theSameGapAlwaysHasTheSameId() {
        List<Alert> again = new ArrayList<>();
        gaps.linkDown("eth1", false, T0);
        new CaptureGaps(again::add).linkDown("eth1", false, T0);
        new CaptureGaps(again::add).linkDown("eth1", false, T0 + 1);
        assertThat(again.get(0).id()).isEqualTo(alerts.get(0).id()).isNotEqualTo(again.get(1).id());
    }

    @Test
    void aStoreThatCannotWriteIsOneAlertAndItsReturnAnotherWithTheLength() {
        gaps.storeFailing("packet store", "packets are not stored", "No space left on device", T0);
        gaps.storeFailing("packet store", "packets are not stored", "No space left on device", T0 + SECOND);
        gaps.storeBack("index", "nothing", T0 + SECOND); // never failed: nothing to close
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.title()).isEqualTo("The packet store cannot write: packets are not stored");
            assertThat(a.why()).contains("(No space left on device)");
            assertThat(a.deviceName()).isEqualTo("packet store");
            assertThat(a.severity()).isEqualTo("high");
        });
        gaps.storeBack("packet store", "5,028 frames were not stored", T0 + 95 * SECOND);
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).title()).isEqualTo("The packet store could not write for 1 min 35 s");
        assertThat(alerts.get(1).why()).endsWith("works again; 5,028 frames were not stored.");
    }
}
