package io.telltale.dashboard.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.event.HttpRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header values are the wire's: in http.log they must not break a row or a field, and must read back. */
class HttpLogTest {

    static final HttpRecord HOSTILE = new HttpRecord(1, 1_300_000_000_123_456_789L, "10.1.2.3", 40000, "10.9.9.9", 80, 1,
            "GET", "evil\texample\n", "/\u001b[31mred\u00e9", "-", "1.1", "Mozilla/5.0 (KHTML, like Gecko)", "",
            0, 12, 200, "OK\\ fine", -1, null, null, "text/html; charset=utf-8");

    @Test
    void tsvEscapesSeparatorsControlsAndBackslashButKeepsCommas(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("http.log");
        try (RecordLogWriter<HttpRecord> writer = RecordLogWriter.zeek(log, "http", HttpLog.COLUMNS, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))) {
            writer.write(HOSTILE);
        }
        List<String> rows = Files.readAllLines(log).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(rows).hasSize(1);
        String[] f = rows.getFirst().split("\t", -1);
        assertThat(f).hasSize(HttpLog.COLUMNS.size());
        assertThat(f[0]).isEqualTo("1300000000.123456");
        assertThat(f[8]).isEqualTo("evil\\x09example\\x0a");
        assertThat(f[9]).isEqualTo("/\\x1b[31mred\\xe9");
        assertThat(f[10]).as("a wire value of '-' must not read as unset").isEqualTo("\\x2d");
        assertThat(f[12]).isEqualTo("Mozilla/5.0 (KHTML, like Gecko)");
        assertThat(f[13]).as("a wire value that is empty").isEqualTo("(empty)");
        assertThat(f[17]).as("Zeek doubles a backslash").isEqualTo("OK\\\\ fine");
        assertThat(f[19]).isEqualTo("-");
    }

    @Test
    void jsonKeepsTheValuesExactly(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("http.jsonl");
        try (RecordLogWriter<HttpRecord> writer = RecordLogWriter.jsonLines(log, "http", HttpLog.COLUMNS)) {
            writer.write(HOSTILE);
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(1);
        JsonNode row = new ObjectMapper().readTree(lines.getFirst());
        assertThat(row.path("host").asText()).isEqualTo("evil\texample\n");
        assertThat(row.path("uri").asText()).isEqualTo("/\u001b[31mred\u00e9");
        assertThat(row.path("status_code").asInt()).isEqualTo(200);
        assertThat(row.has("info_code")).isFalse();
        assertThat(lines.getFirst()).startsWith("{\"ts\":1300000000.123456,");
    }

    @Test
    void jsonTimesDropTrailingZerosAsZeeksWriterDoes() {
        assertThat(ZeekText.jsonDecimal("120.000000")).isEqualTo("120.0");
        assertThat(ZeekText.jsonDecimal("1300475168.784020")).isEqualTo("1300475168.78402");
        assertThat(ZeekText.jsonDecimal("0.000151")).isEqualTo("0.000151");
    }
}
