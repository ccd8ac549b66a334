package io.telltale.testdata.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.telltale.capture.flow.Addresses;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.capture.flow.StreamHandler;
import io.telltale.testdata.FlowRecords;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Community IDs of our flows against those Zeek, Suricata and Arkime print for the same flows: the
 * point of the Community ID is that an analyst can pivot between tools, so every one must agree.
 */
class CommunityIdAgreementTest {

    /**
     * Suricata-verify tests whose own suricata.yaml sets a Community ID seed (found by trying all 65536
     * seeds: each test's flows match with exactly this one and none with the default 0).
     */
    static final Map<String, Integer> SEEDS = Map.of("ndpi__nfsv3.pcap", 1234, "sv__community-id-ipv6_input.pcap", 7);

    @Test
    void communityIdsMatchEveryPeer() {
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (ReferenceCapture capture : ReferenceCorpus.load().captures()) {
            Map<String, String> expected = new HashMap<>();
            for (JsonNode block : capture.expectations("suricata_verify")) {
                for (JsonNode check : block.path("checks")) {
                    JsonNode match = check.path("filter").path("match");
                    if (match.has("community_id") && match.has("src_ip") && match.has("dest_ip")) {
                        expected.put(key(match.path("src_ip").asText(), match.path("src_port").asInt(),
                                match.path("dest_ip").asText(), match.path("dest_port").asInt()), match.path("community_id").asText());
                    }
                }
            }
            for (JsonNode block : capture.expectations("arkime")) {
                for (JsonNode s : block.path("sessions")) {
                    int protocol = s.path("ipProtocol").asInt();
                    if (protocol == 6 || protocol == 17) {
                        expected.put(key(s.path("source").path("ip").asText(), s.path("source").path("port").asInt(),
                                s.path("destination").path("ip").asText(), s.path("destination").path("port").asInt()),
                                s.path("network").path("community_id").asText());
                    }
                }
            }
            for (JsonNode block : capture.expectations("zeek")) {
                for (JsonNode row : block.path("rows")) {
                    if (row.has("community_id")) {
                        expected.put(key(row.path("id.orig_h").asText(), row.path("id.orig_p").asInt(),
                                row.path("id.resp_h").asText(), row.path("id.resp_p").asInt()), row.path("community_id").asText());
                    }
                }
            }
            if (expected.isEmpty()) {
                continue;
            }
            Map<String, String> ours = new HashMap<>();
            FlowConfig config = FlowConfig.DEFAULTS.withCommunityIdSeed(SEEDS.getOrDefault(capture.fileName(), 0));
            for (FlowRecord r : FlowRecords.of(capture.path(), config, StreamHandler.NONE)) {
                ours.put(key(r.originatorHost(), r.originatorPort(), r.responderHost(), r.responderPort()), r.communityId());
            }
            for (Map.Entry<String, String> e : expected.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue; // Arkime leaves it empty for a broadcast DHCP session it merged
                }
                compared++;
                if (!e.getValue().equals(ours.get(e.getKey()))) {
                    mismatches.add(capture.fileName() + " " + e.getKey() + " expected " + e.getValue() + " ours " + ours.get(e.getKey()));
                }
            }
        }
        System.out.printf("community ids compared: %d, mismatches: %d%n", compared, mismatches.size());
        mismatches.forEach(m -> System.out.println("    " + m));
        assertThat(compared).isGreaterThanOrEqualTo(10);
        assertThat(mismatches).isEmpty();
    }

    private static String key(String hostA, int portA, String hostB, int portB) {
        long[] a = Addresses.parse(hostA);
        long[] b = Addresses.parse(hostB);
        String left = Addresses.text(a[0], a[1]) + "#" + portA;
        String right = Addresses.text(b[0], b[1]) + "#" + portB;
        return left.compareTo(right) <= 0 ? left + " " + right : right + " " + left;
    }
}
