package io.telltale.analysis.detect.egress;

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

/** Uploads, not downloads; interim records counted once; a group's daily budget. */
class BulkEgressDetectorTest {

    static final long DAY = 86_400_000_000_000L * 20_500; // 2026-02-14

    static FlowRecord flow(long id, String from, String to, long out, long in, boolean interim) {
        long[] a = Addresses.parse(from);
        long[] b = Addresses.parse(to);
        return new FlowRecord(id, DAY + id * 1_000_000_000L, 60_000_000_000L, a[0], a[1], 50000, b[0], b[1], 443, 6, false,
                "ssl", out, in, "SF", true, false, 0, "ShADadFf", 10, out + 400, 10, in + 400, 0, -1, -1, 0, out + 540,
                in + 540, interim ? FlowEndReason.ACTIVE_TIMEOUT : FlowEndReason.CLOSED, PayloadStats.NONE, PayloadStats.NONE, null);
    }

    static List<Finding> run(String policy, FlowRecord... flows) throws Exception {
        BulkEgressDetector d = new BulkEgressDetector(PolicyLoader.parse("p.yaml", policy), BulkEgressDetector.Thresholds.DEFAULTS);
        List<Finding> found = new ArrayList<>();
        for (FlowRecord f : flows) {
            d.onFlow(f, found::add);
        }
        return found;
    }

    @Test
    void anUploadIsBulkADownloadIsNotAndInterimRecordsCountOnce() throws Exception {
        assertThat(run("site: x\n", flow(1, "10.20.30.21", "198.51.100.140", 1_000_000, 50_000_000, false))).isEmpty();
        // three interim records of 8, 16, 19 MB and the final 19.5 MB: 19.5 MB counted, under 20 MB
        assertThat(run("site: x\n", flow(2, "10.20.30.21", "198.51.100.140", 8_000_000, 10_000, true),
                flow(2, "10.20.30.21", "198.51.100.140", 16_000_000, 20_000, true),
                flow(2, "10.20.30.21", "198.51.100.140", 19_000_000, 30_000, true),
                flow(2, "10.20.30.21", "198.51.100.140", 19_500_000, 40_000, false))).isEmpty();
        List<Finding> found = run("site: x\n", flow(3, "10.20.30.21", "198.51.100.140", 12_000_000, 100_000, false),
                flow(4, "10.20.30.21", "198.51.100.140", 12_000_000, 100_000, false));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("Bulk upload of 24 MB to 198.51.100.140");
            assertThat(f.severity().text()).isEqualTo("critical");
            assertThat(f.flowIds()).containsExactly(3L, 4L);
        });
    }

    @Test
    void aGroupsDailyBudgetCountsEveryInternetDestination() throws Exception {
        String policy = "groups:\n  eds:\n    cidr: [10.20.30.21/32]\n    egress_per_day: 5MB\n";
        List<Finding> found = run(policy, flow(1, "10.20.30.21", "198.51.100.1", 2_000_000, 2_000_000, false),
                flow(2, "10.20.30.21", "198.51.100.2", 2_000_000, 2_000_000, false),
                flow(3, "10.20.30.21", "198.51.100.3", 2_000_000, 2_000_000, false));
        assertThat(found).singleElement().satisfies(f -> assertThat(f.why()).contains("6000 kB").contains("5000 kB a day"));
    }
}
