package io.telltale.analysis.dissect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DNS transactions against the dns.log rows Zeek's test suite asserts (every column that Zeek's
 * DNS logic decides, matched by endpoints, transaction id and query), and the query names Arkime
 * and nDPI assert. Names must agree at 98 % or better, and do at 100 % today.
 */
class DnsAgreementTest {

    static List<MonitorEvent> events(ReferenceCapture capture) {
        return events(capture, false);
    }

    static List<MonitorEvent> events(ReferenceCapture capture, boolean verifyChecksums) {
        return AnalysedCapture.events(capture.path(), FlowConfig.DEFAULTS.withVerifyChecksums(verifyChecksums));
    }

    static String row(JsonNode zeek) {
        return String.join("|", zeek.path("query").asText(), zeek.path("qclass").asText(), zeek.path("qtype").asText(),
                zeek.path("rcode").asText(), zeek.path("AA").asText(), zeek.path("TC").asText(), zeek.path("RD").asText(),
                zeek.path("RA").asText(), zeek.path("Z").asText(), zeek.path("answers").asText(), zeek.path("TTLs").asText(),
                zeek.path("rejected").asText(), zeek.path("rtt").asText().equals("-") ? "-" : "rtt");
    }

    static String row(DnsRecord r) {
        String answers = r.answers().isEmpty() ? "-" : String.join(",", r.answers());
        List<String> ttls = new ArrayList<>();
        r.ttlSeconds().forEach(t -> ttls.add(t + ".000000"));
        return String.join("|", r.query() == null ? "-" : r.query(), r.queryClass() < 0 ? "-" : "" + r.queryClass(),
                r.queryType() < 0 ? "-" : "" + r.queryType(), r.rcode() < 0 ? "-" : "" + r.rcode(), tf(r.authoritative()),
                tf(r.truncated()), tf(r.recursionDesired()), tf(r.recursionAvailable()), "" + r.z(), answers,
                ttls.isEmpty() ? "-" : String.join(",", ttls), tf(r.rejected()), r.rttNanos() < 0 ? "-" : "rtt");
    }

    private static String tf(boolean b) {
        return b ? "T" : "F";
    }

    /** Zeek checks checksums unless its test ran it with {@code -C}; we follow the same choice. */
    static boolean zeekCheckedChecksums(JsonNode baseline) {
        for (JsonNode command : baseline.path("test_exec")) {
            String text = " " + command.asText() + " ";
            if (text.contains("zeek ") && text.contains(" -r ") && text.contains(" -C ")) {
                return false;
            }
        }
        return true;
    }

    @Test
    void transactionsAgreeWithZeekAndNamesWithEveryPeer() {
        int zeekRows = 0;
        int zeekEqual = 0;
        int names = 0;
        int namesFound = 0;
        List<String> report = new ArrayList<>();
        for (ReferenceCapture capture : ReferenceCorpus.load().captures()) {
            List<JsonNode> zeek = new ArrayList<>();
            boolean checksums = false;
            for (JsonNode block : capture.expectations("zeek")) {
                if (block.path("baseline_path").asText().endsWith("/dns.log")) {
                    block.path("rows").forEach(zeek::add);
                    checksums = zeekCheckedChecksums(block);
                }
            }
            JsonNode summary = capture.manifest().path("peer_summary").path("dns_query_names");
            if (zeek.isEmpty() && summary.isMissingNode()) {
                continue;
            }
            List<MonitorEvent> events = events(capture, checksums);
            List<DnsRecord> ours = new ArrayList<>();
            Set<String> ourNames = new HashSet<>();
            for (MonitorEvent e : events) {
                if (e instanceof DnsRecord r) {
                    ours.add(r);
                    if (r.query() != null) {
                        ourNames.add(r.query().toLowerCase(java.util.Locale.ROOT));
                    }
                    // Arkime lists the names in answers too (a CNAME's target).
                    r.answers().forEach(a -> ourNames.add(a.toLowerCase(java.util.Locale.ROOT)));
                }
            }
            int equal = 0;
            List<DnsRecord> unmatched = new ArrayList<>(ours);
            for (JsonNode z : zeek) {
                DnsRecord match = null;
                for (DnsRecord r : unmatched) {
                    if (r.originatorHost().equals(z.path("id.orig_h").asText())
                            && Integer.toString(r.originatorPort()).equals(z.path("id.orig_p").asText())
                            && Integer.toString(r.transactionId()).equals(z.path("trans_id").asText())
                            && row(r).equals(row(z))) {
                        match = r;
                        break;
                    }
                }
                if (match != null) {
                    unmatched.remove(match);
                    equal++;
                } else {
                    report.add("    zeek  " + z.path("id.orig_h").asText() + ":" + z.path("id.orig_p").asText() + " " + row(z));
                }
            }
            zeekRows += zeek.size();
            zeekEqual += equal;
            int fileNames = 0;
            int fileFound = 0;
            for (String peer : List.of("zeek", "arkime", "ndpi")) {
                for (JsonNode name : summary.path(peer)) {
                    String n = name.asText().toLowerCase(java.util.Locale.ROOT);
                    if (n.equals("<root>")) {
                        // Arkime's word for "no question": mDNS responses carry none, so it names no query.
                        continue;
                    }
                    fileNames++;
                    if (ourNames.contains(n)) {
                        fileFound++;
                    } else {
                        report.add("    name missing (" + peer + "): " + name.asText());
                    }
                }
            }
            names += fileNames;
            namesFound += fileFound;
            report.add(0, String.format("%-44s zeek rows %3d equal %3d   names %3d found %3d", capture.fileName(), zeek.size(),
                    equal, fileNames, fileFound));
            long dnsFlows = events.stream().filter(e -> e instanceof FlowEvent f && "dns".equals(f.flow().service())).count();
            assertThat(dnsFlows).as("flows named dns in %s", capture.fileName()).isPositive();
        }
        report.forEach(System.out::println);
        System.out.printf("dns.log rows: %d of %d equal in every column; query names: %d of %d found%n", zeekEqual, zeekRows,
                namesFound, names);
        assertThat(zeekRows).isGreaterThanOrEqualTo(40);
        assertThat((double) zeekEqual / zeekRows).isGreaterThanOrEqualTo(0.95);
        assertThat((double) namesFound / names).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void dnsFlowsNameTheirServiceAsZeekDoes() {
        int compared = 0;
        int equal = 0;
        for (ReferenceCapture capture : ReferenceCorpus.load().captures()) {
            JsonNode baseline = capture.zeekConnBaseline();
            if (baseline == null) {
                continue;
            }
            List<FlowRecord> flows = new ArrayList<>();
            for (MonitorEvent e : events(capture)) {
                if (e instanceof FlowEvent f) {
                    flows.add(f.flow());
                }
            }
            for (JsonNode row : baseline.path("rows")) {
                if (!row.path("service").asText().equals("dns")) {
                    continue;
                }
                compared++;
                boolean found = flows.stream().anyMatch(f -> f.originatorHost().equals(row.path("id.orig_h").asText())
                        && Integer.toString(f.originatorPort()).equals(row.path("id.orig_p").asText())
                        && "dns".equals(f.service()));
                if (found) {
                    equal++;
                } else {
                    System.out.println("    not named dns: " + row);
                }
            }
        }
        System.out.printf("conn.log service=dns: %d of %d%n", equal, compared);
        assertThat(compared).isGreaterThanOrEqualTo(20);
        assertThat(equal).isEqualTo(compared);
    }
}
