package io.telltale.testdata.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.telltale.capture.flow.Addresses;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.testdata.FlowRecords;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-flow packet and frame-byte counts against Arkime's sessions, nDPI's flow lines and Suricata's
 * eve flow events (where a suricata-verify test asserts them) for the same pcaps. Both count captured frame bytes including the link-layer header, per direction; Arkime keeps
 * one session per host pair for ICMP, so our ICMP flows are summed per host pair before comparing.
 * Sides are compared per endpoint, not per initiator, because each tool picks its own initiator.
 */
class PeerFlowAgreementTest {

    record Counts(long packetsA, long bytesA, long packetsB, long bytesB) {
        boolean sameAs(Counts o) {
            return packetsA == o.packetsA && bytesA == o.bytesA && packetsB == o.packetsB && bytesB == o.bytesB;
        }
    }

    @Test
    void arkimeNdpiAndSuricataCountsAgree() {
        int compared = 0;
        int agreed = 0;
        List<String> report = new ArrayList<>();
        for (ReferenceCapture capture : ReferenceCorpus.load().captures()) {
            Map<String, Counts> ours = null;
            for (String peer : List.of("arkime", "ndpi", "suricata_verify")) {
                Map<String, Counts> theirs = expected(capture, peer);
                if (theirs.isEmpty()) {
                    continue;
                }
                if (ours == null) {
                    ours = new HashMap<>();
                    for (FlowRecord r : FlowRecords.of(capture.path())) {
                        add(ours, r.ipProtocol(), r.originatorHost(), r.originatorPort(), r.responderHost(), r.responderPort(),
                                new Counts(r.originatorPackets(), r.originatorFrameBytes(), r.responderPackets(), r.responderFrameBytes()));
                    }
                }
                int fileAgreed = 0;
                List<String> deviations = new ArrayList<>();
                for (Map.Entry<String, Counts> e : theirs.entrySet()) {
                    Counts mine = ours.get(e.getKey());
                    if (mine != null && mine.sameAs(e.getValue())) {
                        fileAgreed++;
                    } else {
                        deviations.add(e.getKey() + " " + peer + " " + e.getValue() + " ours " + mine);
                    }
                }
                compared += theirs.size();
                agreed += fileAgreed;
                report.add(String.format("%-48s %-15s %4d %4d", capture.fileName(), peer, theirs.size(), fileAgreed));
                deviations.forEach(d -> report.add("    " + d));
            }
        }
        System.out.printf("%n%-48s %-15s %4s %4s%n", "capture", "peer", "flows", "same");
        report.forEach(System.out::println);
        System.out.printf("total %d flows, %d with identical packets and frame bytes per side (%.1f%%)%n", compared, agreed,
                100.0 * agreed / compared);
        assertThat(compared).isGreaterThan(50);
        assertThat((double) agreed / compared).as("share of peer flows with identical counts").isGreaterThanOrEqualTo(0.95);
    }

    /** The per-flow packet and frame-byte counts one peer asserts for a capture, keyed by endpoints. */
    private static Map<String, Counts> expected(ReferenceCapture capture, String peer) {
        Map<String, Counts> theirs = new HashMap<>();
        for (JsonNode block : capture.expectations(peer)) {
            switch (peer) {
                case "arkime" -> {
                    for (JsonNode s : block.path("sessions")) {
                        add(theirs, s.path("ipProtocol").asInt(), s.path("source").path("ip").asText(),
                                s.path("source").path("port").asInt(), s.path("destination").path("ip").asText(),
                                s.path("destination").path("port").asInt(),
                                new Counts(s.path("source").path("packets").asLong(), s.path("source").path("bytes").asLong(),
                                        s.path("destination").path("packets").asLong(), s.path("destination").path("bytes").asLong()));
                    }
                }
                case "ndpi" -> {
                    for (JsonNode f : block.path("flows")) {
                        add(theirs, protocolNumber(f.path("l4").asText()), f.path("src_ip").asText(), f.path("src_port").asInt(),
                                f.path("dst_ip").asText(), f.path("dst_port").asInt(), new Counts(f.path("c2s_pkts").asLong(),
                                        f.path("c2s_bytes").asLong(), f.path("s2c_pkts").asLong(), f.path("s2c_bytes").asLong()));
                    }
                }
                default -> {
                    // Suricata's eve flow events, where a test asserts them: bytes are frame lengths too.
                    for (JsonNode check : block.path("checks")) {
                        JsonNode m = check.path("filter").path("match");
                        if (m.path("event_type").asText().equals("flow") && m.has("flow.pkts_toserver")) {
                            add(theirs, protocolNumber(m.path("proto").asText()), m.path("src_ip").asText(),
                                    m.path("src_port").asInt(), m.path("dest_ip").asText(), m.path("dest_port").asInt(),
                                    new Counts(m.path("flow.pkts_toserver").asLong(), m.path("flow.bytes_toserver").asLong(),
                                            m.path("flow.pkts_toclient").asLong(), m.path("flow.bytes_toclient").asLong()));
                        }
                    }
                }
            }
        }
        return theirs;
    }

    private static int protocolNumber(String name) {
        return switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "TCP" -> 6;
            case "UDP" -> 17;
            case "ICMP" -> 1;
            case "ICMPV6", "IPV6-ICMP" -> 58;
            default -> -1;
        };
    }

    private static Counts sum(Counts a, Counts b) {
        return new Counts(a.packetsA + b.packetsA, a.bytesA + b.bytesA, a.packetsB + b.packetsB, a.bytesB + b.bytesB);
    }

    /**
     * Adds counts under a key of unordered endpoints (ICMP: host pair only), oriented so that side A
     * is the endpoint that sorts first. Addresses are normalised, since tools print IPv6 differently.
     */
    private static void add(Map<String, Counts> map, int protocol, String hostA, int portA, String hostB, int portB,
                            Counts counts) {
        boolean icmp = protocol == 1 || protocol == 58;
        String a = normalise(hostA) + (icmp ? "" : "#" + portA);
        String b = normalise(hostB) + (icmp ? "" : "#" + portB);
        boolean ordered = a.compareTo(b) <= 0;
        Counts oriented = ordered ? counts : new Counts(counts.packetsB, counts.bytesB, counts.packetsA, counts.bytesA);
        map.merge(protocol + " " + (ordered ? a + " " + b : b + " " + a), oriented, PeerFlowAgreementTest::sum);
    }

    private static String normalise(String host) {
        try {
            long[] address = Addresses.parse(host);
            return Addresses.text(address[0], address[1]);
        } catch (IllegalArgumentException e) {
            return host;
        }
    }
}
