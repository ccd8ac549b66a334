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

    /**
     * The demo as the README runs it, with the dashboard: the alerts its API lists are the alerts read
     * writes for the same capture, policy and rules; it stays up after the capture until SIGTERM.
     */
    @Test
    void theDashboardOfAPcapRunListsTheAlertsReadRaisesAndAcceptsOneIntoThePolicy() throws Exception {
        Path data = dir.resolve("data");
        Path site = dir.resolve("site"); // a copy: accepting writes into the policy
        Files.createDirectories(site);
        for (String f : List.of("telltale.yaml", "site-policy.yaml", "checkpoint-ct.mud.json")) {
            Files.copy(Path.of("../examples").resolve(f), site.resolve(f));
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TelltaleCommand.class.getName(), "run", "--config",
                site.resolve("telltale.yaml").toString(),
                "--pcap", EXAMPLE.toString(), "--replay", "fast", "--data-dir", data.toString(), "--listen", "127.0.0.1:0")
                .redirectErrorStream(true).start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String url = null;
        String password = null;
        for (String line; (line = out.readLine()) != null; ) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("dashboard   (https://\\S+)").matcher(line);
            if (m.find()) {
                url = m.group(1);
            }
            m = java.util.regex.Pattern.compile("log in as demo / (\\S+)").matcher(line);
            if (m.find()) {
                password = m.group(1);
            }
            if (line.startsWith("the capture is read")) {
                break;
            }
        }
        assertThat(url).isNotNull();
        assertThat(password).isNotNull();
        java.net.http.HttpClient client = io.telltale.dashboard.http.TrustingClient.trusting(data.resolve("tls/dashboard.pem"));
        java.net.http.HttpResponse<String> login = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "api/login"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"demo\",\"password\":\"" + password + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        String alerts = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "api/alerts?limit=1000"))
                .header("Cookie", cookie).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        List<String> listed = new ArrayList<>();
        new ObjectMapper().readTree(alerts).get("alerts").forEach(a -> listed.add(a.get("id").asText()));
        ReadCommandTest.Run read = ReadCommandTest.run("read", EXAMPLE.toString(), "--policy", "../examples/site-policy.yaml",
                "--rules", "starter", "--out", dir.resolve("read").toString());
        assertThat(read.exitCode()).isZero();
        assertThat(listed.stream().sorted().toList()).hasSize(43).isEqualTo(alertIds(dir.resolve("read/alerts.jsonl")));

        // the pipeline's meters on /metrics: flows as the reader counted them, every one indexed, the index caught up
        String metrics = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "metrics")).header("Cookie", cookie)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        long connLines = Files.readAllLines(data.resolve("logs/conn.log")).stream().filter(l -> !l.startsWith("#")).count();
        assertThat(metric(metrics, "telltale_flows_total")).isEqualTo(connLines);
        assertThat(metric(metrics, "telltale_index_flows_total")).isEqualTo(connLines);
        assertThat(metric(metrics, "telltale_index_lag_seconds")).as("the reader has finished").isZero();
        assertThat(metric(metrics, "telltale_index_size_bytes")).isPositive();
        assertThat(metric(metrics, "telltale_pipeline_workers")).isEqualTo(1);
        assertThat(metrics).contains("telltale_decode_anomalies_total{kind=\"truncated_ip_header\"}")
                .contains("telltale_pipeline_queue_bytes{stage=\"workers\"}");
        double alertsCounted = metrics.lines().filter(l -> l.startsWith("telltale_alerts_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(alertsCounted).as("alerts by severity and category").isEqualTo(43);
        assertThat(metrics).contains("telltale_alerts_total{category=\"beaconing\",severity=\"critical\"} 2.0");
        var health = new ObjectMapper().readTree(client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "api/health"))
                .header("Cookie", cookie).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertThat(health.get("index").get("flows").asLong()).isEqualTo(connLines);

        String csrf = new ObjectMapper().readTree(login.body()).get("csrf").asText();
        String undeclared = null;
        for (var a : new ObjectMapper().readTree(alerts).get("alerts")) {
            if (a.get("category").asText().equals("undeclared-peer") && a.get("remoteAddress").asText().equals("192.0.2.80")) {
                undeclared = a.get("id").asText();
            }
        }
        assertThat(undeclared).isNotNull();
        java.net.http.HttpResponse<String> accepted = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url + "api/alerts/" + undeclared + "/accept")).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(Files.readString(site.resolve("site-policy.yaml"))).contains("accepted from alert " + undeclared)
                .contains("192.0.2.80/32");
        String policy = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "api/policy")).header("Cookie", cookie)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(policy).contains("accepted from alert " + undeclared);
        assertThat(Files.readString(data.resolve("audit.jsonl"))).contains("\"action\":\"policy-change\"");

        // devices: declared against observed
        var json = new ObjectMapper();
        var devices = json.readTree(client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "api/devices"))
                .header("Cookie", cookie).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()).get("devices");
        List<String> addresses = new ArrayList<>();
        devices.forEach(d -> addresses.add(d.get("address").asText()));
        assertThat(addresses).contains("10.20.30.11", "10.20.30.12", "10.20.30.21");
        var xray = json.readTree(client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "api/devices/10.20.30.12"))
                .header("Cookie", cookie).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertThat(xray.get("groups").toString()).contains("scanners");
        java.util.Map<String, Boolean> declared = new java.util.HashMap<>();
        xray.get("peers").forEach(peer -> declared.put(peer.get("address").asText() + ":" + peer.get("port").asInt(),
                peer.get("declared").asBoolean()));
        assertThat(declared).as("the unexpected web server is undeclared; accepted above, 192.0.2.80 is declared now")
                .containsEntry("192.0.2.80:80", true).containsEntry("192.0.2.123:123", false);
        assertThat(declared.values()).contains(true);
        assertThat(xray.get("alerts").size()).isPositive();
        p.toHandle().destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    /** The interface is muted unless the configuration says otherwise; a value that is not a yes or no is named. */
    @Test
    void captureSilenceIsAConfigurationKey() throws Exception {
        Path config = dir.resolve("telltale.yaml");
        Files.writeString(config, "data_dir: data\ncapture: {interface: eth1, workers: 2}\n");
        assertThat(RunConfig.load(config).capture().arguments()).containsExactly("capture", "--interface", "eth1", "--workers", "2");
        Files.writeString(config, "data_dir: data\ncapture: {interface: eth1, silence: false}\n");
        assertThat(RunConfig.load(config).capture().arguments()).containsExactly("capture", "--interface", "eth1", "--no-silence");
        Files.writeString(config, "data_dir: data\ncapture:\n  interface: eth1\n  silence: maybe\n");
        ReadCommandTest.Run run = ReadCommandTest.run("run", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(config + ":4:12").contains("\"maybe\": only \"true\" or \"false\"");
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

    /** The value of an unlabelled sample in a Prometheus text exposition. */
    static long metric(String exposition, String name) {
        return exposition.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .map(l -> (long) Double.parseDouble(l.substring(name.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(name + " is not in /metrics"));
    }
}
