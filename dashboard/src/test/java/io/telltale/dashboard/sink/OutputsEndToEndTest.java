package io.telltale.dashboard.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telltale.dashboard.app.TelltaleCommand;
import io.telltale.dashboard.siem.Rsyslog;
import io.telltale.dashboard.siem.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code telltale read --outputs}: the example screening day read once, feeding at the same time a
 * real rsyslog (CEF over TCP), a JSON-lines file and a real Kafka broker (KRaft, a child process).
 * Each must hold exactly the records the log files hold: the alerts of alerts.jsonl in the SIEM,
 * every flow, protocol record, alert and asset change in the file and in Kafka (read back by a
 * consumer), keyed by device.
 */
class OutputsEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void oneReadFeedsTheSiemAJsonLinesFileAndKafkaWithExactlyTheLoggedRecords() throws Exception {
        TestPki pki = new TestPki(dir.resolve("pki"));
        try (Rsyslog rsyslog = new Rsyslog(dir.resolve("rsyslog"), pki); KafkaBroker kafka = new KafkaBroker(dir.resolve("kafka"))) {
            rsyslog.start();
            Path outputs = dir.resolve("outputs.yaml");
            Files.writeString(outputs, """
                    sensor: {hostname: sensor-01.example.test}
                    syslog:
                      - {name: soc, transport: tcp, host: 127.0.0.1, port: %d, format: cef}
                    jsonl:
                      - {name: forwarder, path: %s, records: [flows, protocol, alerts, assets], rotate_bytes: 1M, keep: 100}
                    kafka:
                      - name: central
                        bootstrap_servers: %s
                        topics: {flows: t.flows, protocol: t.protocol, alerts: t.alerts, assets: t.assets}
                    """.formatted(rsyslog.port, dir.resolve("export/telltale.jsonl"), kafka.bootstrap()));
            Path out = dir.resolve("out");
            Run read = run("read", "../examples/screening-day.pcap", "--policy", "../examples/site-policy.yaml",
                    "--format", "jsonl", "--out", out.toString(), "--outputs", outputs.toString());
            assertEquals(0, read.code(), read.out() + "\n" + read.err());
            assertTrue(read.out().contains("output      siem soc: 37 alerts delivered, 0 waiting in the spool"), read.out());

            List<JsonNode> logged = new ArrayList<>();
            try (Stream<Path> logs = Files.list(out)) {
                for (Path log : (Iterable<Path>) logs::iterator) {
                    String name = log.getFileName().toString();
                    if (name.endsWith(".jsonl") && !name.equals("assets.jsonl")) {
                        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                            if (!line.isBlank()) {
                                logged.add(JSON.readTree(line));
                            }
                        }
                    }
                }
            }
            List<String> alertIds = Files.readAllLines(out.resolve("alerts.jsonl")).stream()
                    .map(l -> read(l).path("id").asText()).sorted().toList();
            assertEquals(37, alertIds.size());

            // the SIEM: exactly the alerts, as CEF
            List<JsonNode> siem = rsyslog.waitFor(37, 20);
            List<String> siemIds = siem.stream().map(m -> between(m.path("msg").asText(), "externalId=", " ")).sorted().toList();
            assertEquals(alertIds, siemIds, "every alert reached the SIEM once");

            // the JSON-lines file (and its rotations): exactly what the logs hold
            List<JsonNode> exported = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir.resolve("export"))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        exported.add(withoutPath(read(line)));
                    }
                }
            }
            assertSameRecords(logged, exported, "the JSON-lines export");

            // Kafka: a consumer reads back exactly the same records, keyed by device
            List<JsonNode> published = new ArrayList<>();
            Map<String, Integer> byTopic = new HashMap<>();
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "test");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of("t.flows", "t.protocol", "t.alerts", "t.assets"));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (published.size() < logged.size() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        JsonNode value = read(new String(r.value(), StandardCharsets.UTF_8));
                        byTopic.merge(r.topic(), 1, Integer::sum);
                        if (r.topic().equals("t.alerts")) {
                            assertEquals(value.path("device").path("address").asText(), new String(r.key(), StandardCharsets.UTF_8),
                                    "an alert is keyed by its device");
                            assertEquals("alert", new String(r.headers().lastHeader("telltale.log").value(), StandardCharsets.US_ASCII));
                        }
                        published.add(withoutPath(value));
                    }
                }
                consumer.poll(Duration.ofSeconds(2)).forEach(r -> published.add(withoutPath(read(new String(r.value(), StandardCharsets.UTF_8)))));
            }
            System.out.printf("kafka: %s, %d records in all; logs: %d records%n", byTopic, published.size(), logged.size());
            assertEquals(37, byTopic.get("t.alerts"));
            assertSameRecords(logged, published, "Kafka");
        }
    }

    @Test
    void theQuickFlagsSendOverMutualTlsAndRefuseWhatTheyCannotMean() throws Exception {
        TestPki pki = new TestPki(dir.resolve("pki"));
        try (Rsyslog rsyslog = new Rsyslog(dir.resolve("rsyslog"), pki)) {
            rsyslog.start();
            Path out = dir.resolve("out");
            Run run = run("read", "../examples/screening-day.pcap", "--policy", "../examples/site-policy.yaml", "--out", out.toString(),
                    "--syslog", "tls://127.0.0.1:" + rsyslog.tlsPort + "?framing=lf", "--syslog-format", "json",
                    "--syslog-ca", pki.ca.toString(), "--syslog-cert", pki.clientCert.toString(),
                    "--syslog-key", pki.clientKey.toString(), "--spool-dir", dir.resolve("spool").toString());
            assertEquals(0, run.code(), run.out() + run.err());
            assertTrue(run.out().contains("output      siem tls-127.0.0.1-" + rsyslog.tlsPort + ": 37 alerts delivered, 0 waiting"),
                    run.out());
            List<JsonNode> got = rsyslog.waitFor(37, 20);
            assertEquals(37, got.size());
            for (JsonNode m : got) {
                assertEquals("tls", m.path("input").asText());
                assertEquals("alert", read(m.path("msg").asText()).path("event_type").asText(), "EVE JSON over mutual TLS");
            }
            assertTrue(Files.isDirectory(dir.resolve("spool/tls-127.0.0.1-" + rsyslog.tlsPort)), "the spool is where --spool-dir says");
        }
        Run bad = run("read", "../examples/screening-day.pcap", "--out", dir.resolve("bad").toString(), "--syslog", "ftp://siem");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--syslog ftp://siem: the scheme is one of [udp, tcp, tls], not \"ftp\""), bad.err());
        Run lf = run("read", "../examples/screening-day.pcap", "--out", dir.resolve("bad").toString(), "--syslog", "udp://siem?framing=crlf");
        assertTrue(lf.err().contains("the only option is framing=octet|lf, not \"framing=crlf\""), lf.err());
        Run format = run("read", "../examples/screening-day.pcap", "--out", dir.resolve("bad").toString(), "--syslog", "udp://siem",
                "--syslog-format", "xml");
        assertTrue(format.err().contains("--syslog-format is rfc5424, cef, leef, json, ecs or ocsf, not \"xml\""), format.err());
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = TelltaleCommand.commandLine();
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(stderr));
        int code = cli.execute(args);
        return new Run(code, stdout.toString(), stderr.toString());
    }

    private static void assertSameRecords(List<JsonNode> expected, List<JsonNode> actual, String where) {
        Map<JsonNode, Integer> want = new HashMap<>();
        expected.forEach(n -> want.merge(n, 1, Integer::sum));
        Map<JsonNode, Integer> got = new HashMap<>();
        actual.forEach(n -> got.merge(n, 1, Integer::sum));
        if (!want.equals(got)) {
            List<String> missing = new ArrayList<>();
            want.forEach((k, v) -> {
                if (!v.equals(got.get(k))) {
                    missing.add(k + " x" + v + " vs " + got.get(k));
                }
            });
            List<String> extra = new ArrayList<>();
            got.forEach((k, v) -> {
                if (!want.containsKey(k)) {
                    extra.add(k.toString());
                }
            });
            throw new AssertionError(where + ": " + expected.size() + " logged, " + actual.size() + " there; missing or different: "
                    + missing.stream().limit(3).toList() + "; not logged: " + extra.stream().limit(3).toList());
        }
    }

    private static JsonNode withoutPath(JsonNode n) {
        ((ObjectNode) n).remove("_path");
        return n;
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static String between(String s, String start, String end) {
        int i = s.indexOf(start) + start.length();
        int j = s.indexOf(end, i);
        return s.substring(i, j < 0 ? s.length() : j);
    }
}
