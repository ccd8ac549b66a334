package io.telltale.testdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.capture.flow.FlowRecord;
import io.telltale.testdata.FlowRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Measures a capture against its truth: the flows between the device and the remote end, read by the
 * capture module's flow meter (not taken from whoever wrote the capture), must start inside the
 * window and match the counts, bytes and intervals the truth states.
 */
final class TruthMeasurement {

    private TruthMeasurement() {
    }

    static void check(String name, Path pcap, List<Truth> truths) {
        List<FlowRecord> flows = FlowRecords.of(pcap);
        for (Truth truth : truths) {
            assertThat(truth.windowStart()).isBeforeOrEqualTo(truth.windowEnd());
            if (truth.expect() == null || truth.remote().address() == null) {
                continue;
            }
            List<FlowRecord> between = flows.stream().filter(f -> !f.interim() && matches(truth, f)).toList();
            long from = nanos(truth.windowStart());
            long to = nanos(truth.windowEnd());
            assertThat(between).as("%s: flows to %s", name, truth.remote()).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.startNanos()).as("%s flow %s starts in the window", name, f.uid())
                            .isBetween(from, to));
            Truth.Expect e = truth.expect();
            boolean requests = e.unit().equals(Truth.Expect.REQUESTS);
            long count = requests ? between.stream().mapToLong(FlowRecord::originatorPackets).sum() : between.size();
            long out = between.stream().mapToLong(f -> payload(f, true)).sum();
            long in = between.stream().mapToLong(f -> payload(f, false)).sum();
            String what = name + " " + truth.remote();
            assertThat(count).as("%s: %s", what, e.unit()).isBetween(e.countMin(), e.countMax());
            assertThat(out).as("%s: bytes out", what).isBetween(e.bytesOutMin(), e.bytesOutMax());
            assertThat(in).as("%s: bytes in", what).isBetween(e.bytesInMin(), e.bytesInMax());
            if (e.meanIntervalSeconds() > 0 && count > 1) {
                double measured = meanIntervalSeconds(between, requests, count);
                assertThat(measured).as("%s: mean interval", what).isCloseTo(e.meanIntervalSeconds(),
                        org.assertj.core.data.Offset.offset(e.meanIntervalSeconds() * Math.max(0.02, e.intervalTolerance() / 2)));
            }
        }
    }

    /**
     * Payload bytes one side sent: the flow's count, or for a single-packet flow (where Zeek leaves the
     * count unset) its IP bytes less the IP and UDP/ICMP headers.
     */
    static long payload(FlowRecord f, boolean originator) {
        long bytes = originator ? f.originatorBytes() : f.responderBytes();
        if (bytes >= 0) {
            return bytes;
        }
        long packets = originator ? f.originatorPackets() : f.responderPackets();
        long ip = originator ? f.originatorIpBytes() : f.responderIpBytes();
        int headers = (f.originatorHost().contains(":") ? 40 : 20) + 8;
        return Math.max(0, ip - packets * headers);
    }

    /**
     * Flows from the device (its address, or its IPv6 address when it is a device of the reference
     * site) to the remote end, by transport and port. For an IP-in-IP tunnel ({@code ipv6}) the outer
     * pair is no flow of its own: the inner flows, which name it as their tunnel parent, are measured.
     */
    static boolean matches(Truth truth, FlowRecord f) {
        if (truth.remote().transport().equals("ipv6")) {
            return f.tunnelParentId() != 0;
        }
        String originator = normalise(f.originatorHost());
        boolean fromDevice = originator.equals(normalise(truth.deviceAddress()))
                || Site.reference().devices().stream().anyMatch(d -> d.name().equals(truth.device()) && d.address6() != null
                        && originator.equals(d.address6().getHostAddress()));
        if (!fromDevice || !normalise(f.responderHost()).equals(normalise(truth.remote().address()))) {
            return false;
        }
        boolean sameTransport = f.transport().toLowerCase(Locale.ROOT).startsWith(truth.remote().transport());
        return sameTransport && (truth.remote().port() == 0 || f.responderPort() == truth.remote().port());
    }

    static String normalise(String address) {
        return Site.address(address).getHostAddress();
    }

    /** From the first unit's start to the last's, divided by the gaps between them. */
    static double meanIntervalSeconds(List<FlowRecord> flows, boolean requests, long count) {
        long first = flows.stream().mapToLong(FlowRecord::startNanos).min().orElseThrow();
        long last = requests && flows.stream().anyMatch(f -> f.originatorPackets() > 1)
                ? flows.stream().mapToLong(f -> f.startNanos() + Math.max(0, f.durationNanos())).max().orElseThrow()
                : flows.stream().mapToLong(FlowRecord::startNanos).max().orElseThrow();
        return (last - first) / 1e9 / (count - 1);
    }

    static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
