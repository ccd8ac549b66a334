package io.telltale.analysis.dissect.ntp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.telltale.analysis.event.NtpRecord;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NTP against Zeek's ntp.log: every column from version to num_exts, each message matched by its
 * endpoints and content (Zeek's ts and uid are masked in the baseline). The bar: all rows equal.
 */
class NtpAgreementTest {

    /** Zeek prints doubles as modp_dtoa2 does: whole part, then the fraction times 10^6, rounded. */
    static String six(double value) {
        long whole = (long) value;
        double tmp = (value - whole) * 1e6;
        long frac = (long) tmp;
        double diff = tmp - frac;
        if (diff > 0.5 || (diff == 0.5 && (frac & 1) == 1)) {
            frac++;
            if (frac >= 1_000_000) {
                frac = 0;
                whole++;
            }
        }
        return String.format(Locale.ROOT, "%d.%06d", whole, frac);
    }

    /** As Zeek's TSV shows a string: bytes outside printable ASCII as {@code \xHH}. */
    static String escaped(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c)));
        return out.toString();
    }

    static String ours(NtpRecord r) {
        return String.join("|", r.originatorHost(), r.responderHost(), "" + r.version(), "" + r.mode(), "" + r.stratum(),
                six(r.pollSeconds()), six(r.precisionSeconds()), six(r.rootDelay()), six(r.rootDispersion()), escaped(r.refId()),
                six(r.refTime()), six(r.originTime()), six(r.receiveTime()), six(r.transmitTime()), "" + r.extensions());
    }

    static String zeek(JsonNode row) {
        return String.join("|", row.path("id.orig_h").asText(), row.path("id.resp_h").asText(),
                row.path("version").asText(), row.path("mode").asText(), row.path("stratum").asText(),
                row.path("poll").asText(), row.path("precision").asText(), row.path("root_delay").asText(),
                row.path("root_disp").asText(), row.path("ref_id").asText(), row.path("ref_time").asText(),
                row.path("org_time").asText(), row.path("rec_time").asText(), row.path("xmt_time").asText(),
                row.path("num_exts").asText());
    }

    @Test
    void everyMessageAgreesWithZeek() {
        int rows = 0;
        int equal = 0;
        List<String> report = new ArrayList<>();
        for (ReferenceCapture capture : ReferenceCorpus.load().captures()) {
            for (JsonNode block : capture.expectations("zeek")) {
                if (!block.path("baseline_path").asText().endsWith("/ntp.log")) {
                    continue;
                }
                Map<String, Integer> mine = new HashMap<>();
                for (NtpRecord r : AnalysedCapture.events(capture.path(), NtpRecord.class)) {
                    mine.merge(ours(r), 1, Integer::sum);
                    assertThat(r.anomaly()).as(ours(r)).isNull();
                }
                for (JsonNode row : block.path("rows")) {
                    rows++;
                    String expected = zeek(row);
                    if (mine.getOrDefault(expected, 0) > 0) {
                        mine.merge(expected, -1, Integer::sum);
                        equal++;
                    } else {
                        report.add("    zeek " + expected);
                    }
                }
                mine.forEach((row, left) -> {
                    if (left > 0) {
                        report.add("    ours " + row + " x" + left);
                    }
                });
            }
        }
        report.forEach(System.out::println);
        System.out.printf("ntp.log rows %d of %d equal%n", equal, rows);
        assertThat(rows).isGreaterThanOrEqualTo(32);
        assertThat(equal).isEqualTo(rows);
    }
}
