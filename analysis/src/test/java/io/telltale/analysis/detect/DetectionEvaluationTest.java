package io.telltale.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.analysis.policy.Policy;
import io.telltale.analysis.policy.PolicyLoader;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.testdata.ReferenceCorpus;
import io.telltale.testdata.scenario.Scenario;
import io.telltale.testdata.scenario.ScenarioCatalog;
import io.telltale.testdata.scenario.ScenarioWriter;
import io.telltale.testdata.scenario.Site;
import io.telltale.testdata.scenario.Truth;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detectors against the scenario truth: every scenario generated (one day, small volumes, a quiet
 * lane), read with the site's policy, and its alerts compared with what its truth expects. Printed
 * as a table. Bars, for the categories the detectors built so far can raise: every malicious
 * scenario raises each of those it expects, on its device, and its worst alert reaches the truth's
 * minimum severity; no normal scenario or negative twin raises anything at medium or above.
 */
class DetectionEvaluationTest {

    /** The categories detectors exist for; the rest of DESIGN §6 comes with the next detectors. */
    static final Set<String> IMPLEMENTED = Set.of("undeclared-peer", "internet-access", "beaconing", "dns-tunnel",
            "dns-exfiltration", "icmp-tunnel", "remote-access", "reverse-shell", "long-connection", "dns-less-connection",
            "encrypted-dns", "tls-anomaly", "protocol-port-mismatch", "dicom-undeclared", "ipv6-tunnel", "cleartext-sensitive-data", "ntp-covert-channel", "bulk-egress", "telemetry-mismatch",
            "device-silent", "new-destination");
    static final List<String> ORDER = List.of("info", "low", "medium", "high", "critical");
    /**
     * Known gaps, each with its reason, shown in the table and not counted: the 6in4 tunnel's outer
     * pair is no flow (IP-in-IP has no ports; the inner flows name it as parent), so the undeclared
     * peer is only seen once the IPv6-tunnel detector reads tunnel parents.
     */
    static final java.util.Map<String, String> KNOWN_GAPS = java.util.Map.of(
            "A14-6in4", "outer IP-in-IP pair is not a flow yet");
    static {
        // the detector list and this set must not drift apart silently
        assert IMPLEMENTED.size() == 21;
    }

    /** The scenarios are written with bulk sizes times 0.001 (the generator's default); thresholds follow. */
    static final double GENERATOR_VOLUME_SCALE = 0.001;

    static Policy sitePolicy() throws Exception {
        try (InputStream in = Truth.class.getResourceAsStream("/io/telltale/testdata/scenario/site-policy.yaml")) {
            return PolicyLoader.parse("site-policy.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static List<Alert> alerts(Path pcap, Policy policy) {
        List<Alert> alerts = new ArrayList<>();
        DetectionSink detection = new DetectionSink(e -> {
            if (e instanceof Alert a) {
                alerts.add(a);
            }
        }, Detectors.all(policy, false, GENERATOR_VOLUME_SCALE), policy);
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS, BuiltInProtocols.ALL, detection);
        try (PacketSource source = CaptureFiles.open(pcap)) {
            while (source.poll(pipeline, 256) != PacketSource.END_OF_INPUT) {
                // read to the end
            }
        }
        pipeline.finish();
        detection.finish(pipeline.meter().clockNanos());
        return alerts;
    }

    @Test
    void everyAttackRaisesWhatItShouldAndNormalTrafficNothingAboveLow(@TempDir Path dir) throws Exception {
        Policy policy = sitePolicy();
        long start = LocalDate.of(2026, 3, 2).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        StringBuilder table = new StringBuilder(String.format("%-16s %-17s %-45s %-45s %s%n", "scenario", "label", "expected",
                "raised", "verdict"));
        List<String> failures = new ArrayList<>();
        for (Scenario s : ScenarioCatalog.all()) {
            Path pcap = dir.resolve(s.id() + ".pcap");
            long days = s.id().endsWith("-daily") ? 7 : 1; // a daily beacon needs days to be one
            ScenarioWriter.Result r = ScenarioWriter.write(List.of(s), Site.reference(), 1, start,
                    start + days * 86_400_000_000_000L, 0.00001, 0.05, pcap);
            List<Alert> raised = alerts(pcap, policy);
            Files.delete(pcap);
            for (Truth t : r.truths()) {
                var device = Site.reference().devices().stream().filter(d -> d.name().equals(t.device())).findFirst();
                String v6 = device.map(d -> d.address6() == null ? "" : d.address6().getHostAddress()).orElse("");
                List<Alert> mine = raised.stream().filter(a -> a.deviceAddress().equals(t.deviceAddress())
                        || (!v6.isEmpty() && Site.address(a.deviceAddress()).getHostAddress().equals(v6))).toList();
                List<String> expected = t.categories().stream().filter(IMPLEMENTED::contains).toList();
                List<String> got = mine.stream().map(a -> a.category() + ":" + a.severity()).distinct().sorted().toList();
                String verdict;
                if (t.label().equals("malicious")) {
                    List<String> missing = expected.stream().filter(c -> mine.stream().noneMatch(a -> a.category().equals(c)))
                            .toList();
                    int worst = mine.stream().mapToInt(a -> ORDER.indexOf(a.severity())).max().orElse(-1);
                    // the minimum severity is the scenario's; it binds once every category it expects has a detector
                    boolean allBuilt = IMPLEMENTED.containsAll(t.categories());
                    boolean severe = !allBuilt || worst >= ORDER.indexOf(t.minSeverity());
                    verdict = missing.isEmpty() && severe ? "ok" : "MISSED " + missing + (severe ? "" : " below " + t.minSeverity());
                    if (KNOWN_GAPS.containsKey(t.scenario()) && !verdict.equals("ok")) {
                        verdict = "known gap: " + KNOWN_GAPS.get(t.scenario());
                    } else if (!verdict.equals("ok")) {
                        failures.add(t.scenario() + ": " + verdict);
                    }
                } else {
                    List<Alert> loud = raised.stream().filter(a -> ORDER.indexOf(a.severity()) >= ORDER.indexOf("medium")).toList();
                    verdict = loud.isEmpty() ? "ok" : "FALSE ALERT " + loud.stream().map(a -> a.category() + " " + a.remoteAddress())
                            .distinct().toList();
                    if (!verdict.equals("ok")) {
                        failures.add(t.scenario() + ": " + verdict);
                    }
                }
                table.append(String.format("%-16s %-17s %-45s %-45s %s%n", t.scenario(), t.label(), expected,
                        got.size() > 3 ? got.subList(0, 3) + "…" : got, verdict));
            }
        }
        System.out.println(table);
        assertThat(failures).as(table.toString()).isEmpty();
    }

    /** nDPI's own tunnel captures, with a policy that declares nothing: the tunnel alerts fire. */
    @Test
    void ndpisTunnelCapturesRaiseTunnelAlerts() {
        List<Alert> iodine = alerts(ReferenceCorpus.load().capture("ndpi__dns-tunnel-iodine.pcap").path(), Policy.empty());
        assertThat(iodine).anyMatch(a -> a.category().equals("dns-tunnel"));
        List<Alert> icmp = alerts(ReferenceCorpus.load().capture("ndpi__icmp-tunnel.pcap").path(), Policy.empty());
        assertThat(icmp).anyMatch(a -> a.category().equals("icmp-tunnel"));
    }
}
