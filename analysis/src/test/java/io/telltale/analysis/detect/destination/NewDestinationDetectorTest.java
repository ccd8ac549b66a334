package io.telltale.analysis.detect.destination;

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

/** After a day of watching, a declared but new outside address is said once; the first day is learning. */
class NewDestinationDetectorTest {

    static final long HOUR = 3_600_000_000_000L;
    static final long START = 20_500L * 24 * HOUR;

    static FlowRecord flow(long id, long at, String to) {
        long[] a = Addresses.parse("10.20.30.11");
        long[] b = Addresses.parse(to);
        return new FlowRecord(id, at, 1_000_000_000L, a[0], a[1], 40000, b[0], b[1], 443, 6, false, "ssl", 900, 4000, "SF", true,
                false, 0, "ShADadFf", 10, 1420, 8, 4420, 0, -1, -1, 0, 1600, 4900, FlowEndReason.CLOSED, PayloadStats.NONE,
                PayloadStats.NONE, null);
    }

    @Test
    void aNewDeclaredAddressAfterTheFirstDayIsSaidOnce() throws Exception {
        NewDestinationDetector d = new NewDestinationDetector(PolicyLoader.parse("p.yaml", """
                groups:
                  ct: {cidr: [10.20.30.11/32]}
                declarations:
                  - {id: vendor-cloud, from: ct, to: 198.51.100.0/24, transport: tcp, ports: [443]}
                """));
        List<Finding> found = new ArrayList<>();
        d.onFlow(flow(1, START, "198.51.100.10"), found::add);
        d.onFlow(flow(2, START + 2 * HOUR, "198.51.100.11"), found::add); // still the first day: learning
        d.onFlow(flow(3, START + 30 * HOUR, "198.51.100.10"), found::add); // known
        d.onFlow(flow(4, START + 31 * HOUR, "198.51.100.99"), found::add); // new, declared
        d.onFlow(flow(5, START + 32 * HOUR, "198.51.100.99"), found::add); // known now
        d.onFlow(flow(6, START + 33 * HOUR, "203.0.113.5"), found::add); // new but undeclared: the undeclared-peer detector's
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.remoteAddress()).isEqualTo("198.51.100.99");
            assertThat(f.severity().text()).isEqualTo("low");
            assertThat(f.why()).contains("first time in 31 hours").contains("\"vendor-cloud\"").contains("were 2 others");
        });
    }
}
