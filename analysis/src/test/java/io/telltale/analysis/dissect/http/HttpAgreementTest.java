package io.telltale.analysis.dissect.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * HTTP against the peers: every column of Zeek's http.log that does not depend on file analysis
 * (method, host, URI, referrer, version, user agent, body lengths, status, interim status), matched
 * by originator endpoint and transaction depth; and every HTTP host name Zeek, Arkime and nDPI list
 * for a capture. The bar: all equal.
 */
class HttpAgreementTest {

    static String unset(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    static String unset(long value) {
        return value < 0 ? "-" : Long.toString(value);
    }

    static String zeekRow(JsonNode row) {
        return String.join("|", row.path("method").asText(), row.path("host").asText(), row.path("uri").asText(),
                row.path("referrer").asText(), row.path("version").asText(), row.path("user_agent").asText(),
                row.path("origin").asText(), row.path("request_body_len").asText(),
                row.path("response_body_len").asText(), row.path("status_code").asText(),
                row.path("status_msg").asText(), row.path("info_code").asText(), row.path("info_msg").asText());
    }

    static String ourRow(HttpRecord r) {
        return String.join("|", unset(r.method()), unset(r.host()), unset(r.uri()), unset(r.referrer()),
                unset(r.version()), unset(r.userAgent()), unset(r.origin()), unset(r.requestBodyLength()),
                unset(r.responseBodyLength()), unset(r.statusCode()), unset(r.statusMessage()), unset(r.infoCode()),
                unset(r.infoMessage()));
    }

    @Test
    void transactionsAndHostsAgreeWithZeekArkimeAndNdpi() {
        int rows = 0;
        int rowsEqual = 0;
        int hosts = 0;
        int hostsEqual = 0;
        List<String> report = new ArrayList<>();
        for (ReferenceCapture capture : ReferenceCorpus.load().captures()) {
            List<JsonNode> zeekRows = new ArrayList<>();
            capture.expectations("zeek").forEach(block -> {
                if (block.path("baseline_path").asText().endsWith("/http.log")) {
                    block.path("rows").forEach(zeekRows::add);
                }
            });
            JsonNode peerHosts = capture.peerSummary().path("http_hosts");
            if (zeekRows.isEmpty() && peerHosts.isEmpty()) {
                continue;
            }
            List<HttpRecord> ours = AnalysedCapture.events(capture.path(), HttpRecord.class);
            for (JsonNode row : zeekRows) {
                rows++;
                String expected = zeekRow(row);
                HttpRecord match = ours.stream()
                        .filter(r -> r.originatorHost().equals(row.path("id.orig_h").asText())
                                && r.originatorPort() == row.path("id.orig_p").asInt()
                                && r.depth() == row.path("trans_depth").asInt())
                        .findFirst().orElse(null);
                String actual = match == null ? "none" : ourRow(match);
                if (expected.equals(actual)) {
                    rowsEqual++;
                } else {
                    report.add("    zeek " + expected + "\n    ours " + actual);
                }
            }
            Set<String> ourHosts = ours.stream().map(HttpRecord::host).filter(h -> h != null)
                    .collect(Collectors.toSet());
            for (var peer : peerHosts.properties()) {
                for (JsonNode host : peer.getValue()) {
                    hosts++;
                    if (ourHosts.contains(host.asText())) {
                        hostsEqual++;
                    } else {
                        report.add("    " + capture.fileName() + " " + peer.getKey() + " host " + host.asText()
                                + " not seen");
                    }
                }
            }
        }
        report.forEach(System.out::println);
        System.out.printf("http.log rows %d of %d equal; HTTP hosts %d of %d seen%n", rowsEqual, rows, hostsEqual,
                hosts);
        assertThat(rows).isGreaterThanOrEqualTo(14);
        assertThat(rowsEqual).isEqualTo(rows);
        assertThat(hosts).isGreaterThanOrEqualTo(20);
        assertThat(hostsEqual).isEqualTo(hosts);
    }
}
