package io.telltale.analysis.detect.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.Addresses;
import io.telltale.capture.flow.FlowEndReason;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.capture.flow.PayloadStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A beacon that takes a new CDN address each time is found by its server name and its domain. */
class BeaconByNameTest {

    static final long START = 20_500L * 86_400_000_000_000L;

    static FlowRecord flow(long id, long at, String to) {
        long[] a = Addresses.parse("10.20.30.11");
        long[] b = Addresses.parse(to);
        return new FlowRecord(id, at, 2_000_000_000L, a[0], a[1], 40000 + (int) id, b[0], b[1], 443, 6, false, "ssl", 900, 4000,
                "SF", true, false, 0, "ShADadFf", 10, 1420, 8, 4420, 0, -1, -1, 0, 1600, 4900, FlowEndReason.CLOSED,
                PayloadStats.NONE, PayloadStats.NONE, null);
    }

    static TlsRecord hello(long id, long at, String to, String sni) {
        return new TlsRecord(id, at, "10.20.30.11", 40000 + (int) id, to, 443, 0x0303, 0x1302, 29, sni, List.of("http/1.1"), null,
                null, null, null, List.of(), null, null);
    }

    @Test
    void aFastBeaconThatStartedInTheLastHourIsFoundBehindADayOfIrregularUse() {
        BeaconDetector detector = new BeaconDetector(Policy.empty());
        List<Finding> found = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        long id = 0;
        long t = START;
        for (int i = 0; i < 20; i++) { // a day of a person's irregular use of the same host
            t += (30 + random.nextInt(120)) * 60_000_000_000L;
            detector.onFlow(flow(id++, t, "198.51.100.7"), found::add);
        }
        for (int i = 0; i < 55; i++) { // then a timer: every 60 s for the last hour
            t += 60_000_000_000L;
            detector.onFlow(flow(id++, t, "198.51.100.7"), found::add);
        }
        detector.onEnd(t, found::add);
        assertThat(found).singleElement().satisfies(f -> assertThat(f.title()).isEqualTo("Beacon every 60 s to 198.51.100.7"));
    }

    @Test
    void aBeaconOverRotatingAddressesIsOneSeriesByName() {
        BeaconDetector detector = new BeaconDetector(Policy.empty());
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            long at = START + i * 1_800_000_000_000L + (i % 3) * 1_000_000_000L;
            String to = "198.51.100." + (10 + i); // a new edge address every time
            detector.onRecord(hello(i, at, to, "c" + (i % 4) + ".cdn.beacon.example"), found::add);
            detector.onFlow(flow(i, at, to), found::add);
        }
        detector.onEnd(START + 86_400_000_000_000L, found::add);
        // the median gap: the starts jitter by 0-2 s
        assertThat(found).extracting(Finding::title).containsExactly("Beacon every 1801 s to *.beacon.example");
        assertThat(found.getFirst().remoteName()).isEqualTo("*.beacon.example");
        assertThat(found.getFirst().remoteAddress()).isEqualTo("198.51.100.57");
        assertThat(found.getFirst().severity().text()).isEqualTo("critical");
    }
}
