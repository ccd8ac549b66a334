package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.analysis.index.SearchRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code telltale run}: the example configuration over the example capture raises exactly the alerts
 * {@code read} raises with the same policy and rules; a wrong configuration is named at its line and
 * column; SIGTERM in the middle of a realtime replay ends it with what was read written and indexed.
 */
class RunCommandTest {

    static final Path CONFIG = Path.of("../examples/telltale.yaml");
    static final Path EXAMPLE = Path.of("../examples/screening-day.pcap");

    @TempDir
    Path dir;

    static List<String> alertIds(Path alerts) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(alerts)) {
            ids.add(json.readTree(line).get("id").asText());
        }
        return ids.stream().sorted().toList();
    }

    @Test
    void theExampleConfigurationRaisesWhatReadRaises() throws IOException {
        ReadCommandTest.Run run = ReadCommandTest.run("run", "--config", CONFIG.toString(), "--pcap", EXAMPLE.toString(),
                "--replay", "fast", "--data-dir", dir.resolve("data").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        ReadCommandTest.Run read = ReadCommandTest.run("read", EXAMPLE.toString(), "--policy", "../examples/site-policy.yaml",
                "--rules", "starter", "--out", dir.resolve("read").toString());
        assertThat(read.exitCode()).isZero();
        List<String> ran = alertIds(dir.resolve("data/logs/alerts.jsonl"));
        assertThat(ran).hasSize(43).isEqualTo(alertIds(dir.resolve("read/alerts.jsonl")));
        assertThat(run.out()).contains("indexed 4,715 flow documents into " + dir.resolve("data/index"));
    }

    @Test
    void aWrongConfigurationIsNamedWhereItIs() throws IOException {
        Path config = dir.resolve("telltale.yaml");
        Files.writeString(config, "data_dir: data\ncapture:\n  interface: eth1\n  workers: 0\n");
        ReadCommandTest.Run run = ReadCommandTest.run("run", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(config + ":4:").contains("workers is 1-256, not 0");
        Files.writeString(config, "data_dir: data\ncaptur: {interface: eth1}\n");
        assertThat(ReadCommandTest.run("run", "--config", config.toString()).err()).contains("Unrecognized field \"captur\"");
        Files.writeString(config, "capture: {interface: eth1}\n");
        assertThat(ReadCommandTest.run("run", "--config", config.toString()).err()).contains("names no data_dir");
        Files.writeString(config, "data_dir: data\noutputs:\n  syslog:\n    - {name: soc, host: siem, format: xml}\n");
        assertThat(ReadCommandTest.run("run", "--config", config.toString(), "--pcap", EXAMPLE.toString()).err())
                .contains(config + ":4:").contains("format is one of [syslog, cef, leef, eve, ecs, ocsf], not \"xml\"");
    }

    @Test
    void sigtermEndsARealtimeReplayWithWhatWasReadWrittenAndIndexed() throws Exception {
        Path data = dir.resolve("data");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TelltaleCommand.class.getName(), "run", "--config", CONFIG.toString(),
                "--pcap", EXAMPLE.toString(), "--data-dir", data.toString()).redirectErrorStream(true).start();
        Thread.sleep(8_000); // the example day's first minutes, at their own pace
        p.toHandle().destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(said).isEqualTo(143); // 128 + SIGTERM: the JVM's, after the hook let the read finish
        assertThat(said).contains("stopped early (SIGTERM): what was read before is written");
        long flows = Files.readAllLines(data.resolve("logs/conn.log")).stream().filter(l -> !l.startsWith("#")).count();
        assertThat(flows).as("the flows read before the stop are written").isPositive().isLessThan(4715);
        assertThat(said).contains("flows       " + flows + " written to");
        try (LuceneFlowSearch search = new LuceneFlowSearch(new IndexLayout(data), IndexSchema.standard())) {
            assertThat((long) search.search(SearchRequest.of("").withLimit(100)).hits().size()).as("and indexed").isEqualTo(flows);
        }
    }
}
