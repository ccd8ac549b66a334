package io.telltale.analysis.dissect.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.telltale.analysis.event.DhcpRecord;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * DHCP against the peers: Zeek's dhcp.log (messages joined into exchanges across flows, every column
 * but the masked ts and uids, and the number of flows), and every value Suricata's eve checks assert
 * on a request and its acknowledgement.
 */
class DhcpAgreementTest {

    static String unset(String s) {
        return s == null ? "-" : s;
    }

    static String ours(DhcpTransaction t) {
        long micros = Math.floorDiv(t.timestampNanos() + t.durationNanos(), 1000) - Math.floorDiv(t.timestampNanos(), 1000);
        return String.join("|", unset(t.clientAddress()), unset(t.serverAddress()), unset(t.mac()), unset(t.hostName()),
                unset(t.clientFqdn()), unset(t.domain()), unset(t.requestedAddress()), unset(t.assignedAddress()),
                t.leaseSeconds() < 0 ? "-" : t.leaseSeconds() + ".000000", unset(t.clientMessage()),
                unset(t.serverMessage()), String.join(",", t.messageTypes()),
                String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000), "" + t.flowIds().size());
    }

    static String zeek(JsonNode row) {
        return String.join("|", row.path("client_addr").asText(), row.path("server_addr").asText(),
                row.path("mac").asText(), row.path("host_name").asText(), row.path("client_fqdn").asText(),
                row.path("domain").asText(), row.path("requested_addr").asText(), row.path("assigned_addr").asText(),
                row.path("lease_time").asText(), row.path("client_message").asText(), row.path("server_message").asText(),
                row.path("msg_types").asText(), row.path("duration").asText(),
                "" + row.path("uids").asText().split(",").length);
    }

    static List<DhcpTransaction> transactions(ReferenceCapture capture) {
        List<DhcpTransaction> out = new ArrayList<>();
        DhcpTransactions join = new DhcpTransactions(out::add);
        AnalysedCapture.events(capture.path(), DhcpRecord.class).forEach(join::accept);
        join.finish();
        return out;
    }

    @Test
    void exchangesAgreeWithZeeksDhcpLog() {
        ReferenceCapture capture = ReferenceCorpus.load().capture("zeek__dhcp_dhcp.pcap");
        List<String> expected = new ArrayList<>();
        capture.expectations("zeek").stream().filter(b -> b.path("baseline_path").asText().endsWith("/dhcp.log"))
                .forEach(b -> b.path("rows").forEach(row -> expected.add(zeek(row))));
        List<String> actual = transactions(capture).stream().map(DhcpAgreementTest::ours).toList();
        assertThat(expected).hasSize(3);
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void messagesAgreeWithSuricatasEveChecks() {
        ReferenceCapture capture = ReferenceCorpus.load().capture("sv__dhcp-eve-extended_input.pcap");
        List<DhcpRecord> records = AnalysedCapture.events(capture.path(), DhcpRecord.class);
        int checked = 0;
        for (JsonNode block : capture.expectations("suricata_verify")) {
            for (JsonNode check : block.path("checks")) {
                JsonNode m = check.path("filter").path("match");
                if (!m.path("event_type").asText().equals("dhcp") || !m.has("dhcp.id")) {
                    continue;
                }
                DhcpRecord r = records.stream().filter(x -> x.transactionId() == m.path("dhcp.id").asLong()
                        && x.messageTypeName().equalsIgnoreCase(m.path("dhcp.dhcp_type").asText())).findFirst().orElseThrow();
                assertThat(r.hardwareAddress()).isEqualTo(m.path("dhcp.client_mac").asText());
                assertThat(r.clientAddress()).isEqualTo(m.path("dhcp.client_ip").asText());
                assertThat(r.hostName()).isEqualTo(m.path("dhcp.hostname").asText());
                if (m.has("dhcp.assigned_ip")) {
                    assertThat(r.yourAddress()).isEqualTo(m.path("dhcp.assigned_ip").asText());
                }
                if (m.has("dhcp.lease_time")) {
                    assertThat(r.leaseSeconds()).isEqualTo(m.path("dhcp.lease_time").asLong());
                }
                if (m.has("dhcp.params[0]")) {
                    // Suricata names only the codes it knows: subnet_mask, router, domain, dns_server among them.
                    assertThat(r.parameterRequestList()).filteredOn(java.util.Set.of(1, 3, 6, 15)::contains)
                            .containsExactly(1, 3, 15, 6);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(2);
    }
}
