package io.telltale.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.telltale.dashboard.app.TelltaleCommand;
import io.telltale.dashboard.auth.PasswordHasher;
import io.telltale.dashboard.auth.Role;
import io.telltale.dashboard.auth.UserStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's API over real HTTPS (the self-signed certificate made at first start, trusted by
 * its PEM): every route refuses without a session or token (401) and with too small a role (403);
 * changes need the CSRF token; bad input is a 400 that says why; logins are rate limited and audited;
 * answers carry the security headers; HTTP/2 and gzip are spoken; the OpenAPI document lists the
 * routes the server has.
 */
class DashboardServerTest {

    @TempDir
    static Path dir;
    static DashboardServer server;
    static HttpClient client;
    static String base;
    static String token;
    static final ObjectMapper JSON = new ObjectMapper();
    /** A live capture's counters (held here: Micrometer keeps only a weak reference to a function counter's state). */
    static final long[] CAPTURE = {123_456, 7};

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("data");
        CommandLineRun.run("read", "../examples/screening-day.pcap", "--policy", "../examples/site-policy.yaml",
                "--out", dir.resolve("out").toString(), "--data-dir", data.toString());
        UserStore users = new UserStore(data, new PasswordHasher());
        users.put("victor", Role.VIEWER, "viewer password 1".toCharArray());
        users.put("anna", Role.ANALYST, "analyst password 1".toCharArray());
        users.put("ada", Role.ADMIN, "admin password 11".toCharArray());
        token = users.newToken("victor");
        TlsMaterial tls = TlsMaterial.selfSigned(data.resolve("tls"), "sensor-01.example.test");
        assertThat(tls.madeNow()).isTrue();
        assertThat(tls.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // what a live capture registers, as CaptureHealth does
        io.micrometer.core.instrument.FunctionCounter.builder("telltale.capture.packets", CAPTURE, c -> c[0])
                .tag("source", "eth1").register(metrics);
        io.micrometer.core.instrument.FunctionCounter.builder("telltale.capture.kernel.drops", CAPTURE, c -> c[1])
                .tag("source", "eth1").register(metrics);
        // a packet store on a full disk, as PipelineMeters.bindStore registers it; the index writes
        io.micrometer.core.instrument.Gauge.builder("telltale.store.failing", CAPTURE, c -> 1).register(metrics);
        io.micrometer.core.instrument.Gauge.builder("telltale.index.failing", CAPTURE, c -> 0).register(metrics);
        server = new DashboardServer(new InetSocketAddress("127.0.0.1", 0), data, tls, metrics, Clock.systemUTC(), System.err::println);
        base = "https://127.0.0.1:" + server.address().getPort();
        client = TrustingClient.trusting(tls.certificate());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        return new ApiCalls(client, base).send(method, path, body, headers);
    }

    /** Logs in; returns the cookie header value and the CSRF token. */
    static String[] login(String name, String password, String... headers) throws Exception {
        return new ApiCalls(client, base).login(name, password, headers);
    }

    @Test
    void everyRouteRefusesWithoutASessionOrTokenAndTheOpenApiListsThemAll() throws Exception {
        HttpResponse<String> doc = send("GET", "/api/openapi.json", null, "Authorization", "Bearer " + token);
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode paths = JSON.readTree(doc.body()).get("paths");
        List<String> documented = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next().toUpperCase(java.util.Locale.ROOT);
                documented.add(method + " " + path.getKey());
                String role = path.getValue().get(method.toLowerCase(java.util.Locale.ROOT)).get("x-telltale-role").asText();
                String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
                HttpResponse<String> r = send(method, concrete, method.equals("POST") ? "{}" : null);
                if (role.equals("none")) {
                    assertThat(r.statusCode()).as(method + " " + concrete).isIn(200, 400);
                } else {
                    assertThat(r.statusCode()).as(method + " " + concrete + " without a session").isEqualTo(401);
                    assertThat(r.body()).contains("log in first");
                }
            }
        }
        assertThat(documented).contains("POST /api/login", "GET /api/search", "GET /api/alerts/{id}", "GET /metrics", "GET /api/users");
        assertThat(documented).hasSameSizeAs(documented.stream().distinct().toList());
    }

    @Test
    void rolesDecideAndChangesNeedTheCsrfToken() throws Exception {
        String[] viewer = login("victor", "viewer password 1");
        assertThat(send("GET", "/api/users", null, "Cookie", viewer[0]).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/users", null, "Authorization", "Bearer " + token).body()).contains("needs the admin role");
        String[] admin = login("ada", "admin password 11");
        HttpResponse<String> users = send("GET", "/api/users", null, "Cookie", admin[0]);
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains("\"victor\"").doesNotContain("argon2");
        assertThat(send("POST", "/api/logout", "", "Cookie", viewer[0]).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(send("POST", "/api/logout", "", "Cookie", viewer[0], "X-CSRF-Token", "forged").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/logout", "", "Cookie", viewer[0], "X-CSRF-Token", viewer[1]).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/me", null, "Cookie", viewer[0]).statusCode()).as("logged out").isEqualTo(401);
        assertThat(send("GET", "/api/me", null, "Authorization", "Bearer tt_not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void badInputIsA400ThatSaysWhy() throws Exception {
        String auth = "Bearer " + token;
        HttpResponse<String> query = send("GET", "/api/search?q=" + java.net.URLEncoder.encode("ip.dst:10.0.0.0/33", "UTF-8"), null,
                "Authorization", auth);
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(query.body()).get("error").asText()).startsWith("the query, ").contains("^");
        assertThat(send("GET", "/api/search?limit=lots", null, "Authorization", auth).body()).contains("limit is a whole number");
        assertThat(send("GET", "/api/alerts?severity=urgent", null, "Authorization", auth).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/login", "not json").statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/nothing", null, "Authorization", auth).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/alerts", null, "Authorization", auth).statusCode()).isEqualTo(405);
    }

    @Test
    void searchesAndAlertsAnswerFromTheIndexWithSecurityHeadersOverHttp2AndGzip() throws Exception {
        HttpResponse<String> alerts = send("GET", "/api/alerts?severity=critical", null, "Authorization", "Bearer " + token);
        assertThat(alerts.statusCode()).isEqualTo(200);
        assertThat(alerts.version()).isEqualTo(HttpClient.Version.HTTP_2);
        JsonNode list = JSON.readTree(alerts.body()).get("alerts");
        assertThat(list.size()).isEqualTo(11);
        String id = list.get(0).get("id").asText();
        assertThat(send("GET", "/api/alerts/" + id, null, "Authorization", "Bearer " + token).body()).contains(id);
        HttpResponse<String> search = send("GET", "/api/search?q=ip.src:10.20.30.11%20AND%20service:dicom&facets=ip.dst&histogram=24",
                null, "Authorization", "Bearer " + token);
        JsonNode page = JSON.readTree(search.body());
        assertThat(page.get("total").asLong()).isPositive();
        assertThat(page.get("facets").get("ip.dst")).isNotEmpty();
        String uid = page.get("hits").get(0).get("uid").asText();
        assertThat(send("GET", "/api/flows/" + uid, null, "Authorization", "Bearer " + token).body()).contains(uid);
        for (String header : List.of("content-security-policy", "x-content-type-options", "referrer-policy", "strict-transport-security")) {
            assertThat(search.headers().firstValue(header)).as(header).isPresent();
        }
        assertThat(search.headers().firstValue("content-security-policy").orElseThrow()).contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(search.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        HttpResponse<byte[]> gzip = client.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts"))
                .header("Authorization", "Bearer " + token).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzip.headers().firstValue("content-encoding")).contains("gzip");
        HttpResponse<String> http1 = client.send(HttpRequest.newBuilder(URI.create(base + "/")).version(HttpClient.Version.HTTP_1_1).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(http1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(http1.body()).contains("<script src=\"/app.js\" defer></script>");
        assertThat(send("GET", "/metrics", null, "Authorization", "Bearer " + token).body()).contains("# TYPE")
                .contains("telltale_capture_packets_total{source=\"eth1\"} 123456.0");
        JsonNode health = JSON.readTree(send("GET", "/api/health", null, "Authorization", "Bearer " + token).body());
        assertThat(health.get("capture").get("packets").asLong()).isEqualTo(123_456);
        assertThat(health.get("capture").get("kernel_drops").asLong()).isEqualTo(7);
        assertThat(health.get("not_writing")).as("the store that cannot write, and only it").hasSize(1)
                .allSatisfy(s -> assertThat(s.asText()).isEqualTo("packet store"));
        assertThat(health.get("alerts").asInt()).isGreaterThanOrEqualTo(37);
        String audit = Files.readString(dir.resolve("data/audit.jsonl"));
        assertThat(audit).contains("\"action\":\"search\"").contains("ip.src:10.20.30.11 AND service:dicom");
    }

    @Test
    void anAnalystExportsPacketsAndTriagesAViewerMayNot() throws Exception {
        String viewer = "Bearer " + token;
        String[] analyst = login("anna", "analyst password 1");
        JsonNode alert = JSON.readTree(send("GET", "/api/alerts?severity=critical&category=dicom-undeclared", null,
                "Authorization", viewer).body()).get("alerts").get(0);
        String id = alert.get("id").asText();
        assertThat(send("GET", "/api/alerts/" + id + "/pcap", null, "Authorization", viewer).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> pcap = client.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts/" + id + "/pcap"))
                .header("Cookie", analyst[0]).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pcap.statusCode()).isEqualTo(200);
        assertThat(pcap.headers().firstValue("content-disposition").orElseThrow()).contains(id + ".pcap");
        Path file = dir.resolve("evidence.pcap");
        Files.write(file, pcap.body());
        // the download parses: our own reader reads it whole, and it holds the alert's flow
        var read = new java.io.StringWriter();
        var cli = TelltaleCommand.commandLine();
        cli.setOut(new PrintWriter(read));
        cli.setErr(new PrintWriter(read));
        assertThat(cli.execute("read", file.toString(), "--out", dir.resolve("evidence").toString())).as(read.toString()).isZero();
        String remote = alert.get("remoteAddress").asText();
        assertThat(Files.readString(dir.resolve("evidence/conn.log"))).contains(remote);

        assertThat(send("POST", "/api/alerts/" + id + "/triage", "{\"status\":\"acknowledged\"}", "Authorization", viewer)
                .statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/alerts/" + id + "/triage", "{\"status\":\"done\"}", "Cookie", analyst[0],
                "X-CSRF-Token", analyst[1]).body()).contains("status is acknowledged, false-positive or open");
        HttpResponse<String> ok = send("POST", "/api/alerts/" + id + "/triage",
                "{\"status\":\"acknowledged\",\"comment\":\"vendor confirms: <b>test</b> upload\"}", "Cookie", analyst[0],
                "X-CSRF-Token", analyst[1]);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode history = JSON.readTree(send("GET", "/api/alerts/" + id + "/triage", null, "Authorization", viewer).body());
        assertThat(history.get("triage").get(0).get("user").asText()).isEqualTo("anna");
        assertThat(history.get("triage").get(0).get("comment").asText()).isEqualTo("vendor confirms: <b>test</b> upload");
        assertThat(Files.readString(dir.resolve("data/audit.jsonl"))).contains("\"action\":\"export\"").contains("\"action\":\"triage\"");
    }

    @Test
    void aBeaconsSeriesHoldsEveryConnectionAndATunnelsEveryName() throws Exception {
        String auth = "Bearer " + token;
        JsonNode beacon = null;
        for (JsonNode a : JSON.readTree(send("GET", "/api/alerts?category=beaconing", null, "Authorization", auth).body()).get("alerts")) {
            if (a.get("remoteAddress").asText().equals("203.0.113.45")) {
                beacon = a;
            }
        }
        assertThat(beacon).isNotNull();
        assertThat(beacon.get("flowIds").size()).as("the alert names a sample").isLessThan(277);
        JsonNode series = JSON.readTree(send("GET", "/api/alerts/" + beacon.get("id").asText() + "/series", null, "Authorization", auth)
                .body());
        assertThat(series.get("kind").asText()).isEqualTo("beacon");
        // the series is every connection of the pair, as a search for them counts them
        long pair = JSON.readTree(send("GET", "/api/search?limit=0&q=" + java.net.URLEncoder.encode(
                "ip.src:10.20.30.11 AND ip.dst:203.0.113.45", "UTF-8"), null, "Authorization", auth).body()).get("total").asLong();
        assertThat(series.get("connections").asLong()).isEqualTo(pair).isEqualTo(277);
        assertThat(series.get("timeline").size()).isEqualTo(277);
        long gaps = 0;
        for (JsonNode bar : series.get("intervals")) {
            gaps += bar.get("count").asLong();
        }
        assertThat(gaps).as("one gap between each two connections").isEqualTo(276);
        assertThat(series.get("median_interval_seconds").asDouble()).isBetween(290.0, 305.0);
        List<Long> starts = new ArrayList<>();
        series.get("timeline").forEach(p -> starts.add(p.get("start_nanos").asLong()));
        assertThat(starts).isSorted();

        String tunnel = JSON.readTree(send("GET", "/api/alerts?category=dns-tunnel", null, "Authorization", auth).body())
                .get("alerts").get(0).get("id").asText();
        JsonNode names = JSON.readTree(send("GET", "/api/alerts/" + tunnel + "/series", null, "Authorization", auth).body());
        assertThat(names.get("kind").asText()).isEqualTo("dns-tunnel");
        assertThat(names.get("domain").asText()).isEqualTo("c2.example");
        assertThat(names.get("unique_subdomains").asInt()).isGreaterThan(100).isEqualTo(names.get("subdomains").size());
        List<String> listed = new ArrayList<>();
        names.get("subdomains").forEach(n -> listed.add(n.get("name").asText()));
        assertThat(listed).allMatch(n -> n.endsWith(".c2.example")).doesNotHaveDuplicates();

        String other = JSON.readTree(send("GET", "/api/alerts?category=dicom-undeclared", null, "Authorization", auth).body())
                .get("alerts").get(0).get("id").asText();
        assertThat(send("GET", "/api/alerts/" + other + "/series", null, "Authorization", auth).body()).isEqualTo("{\"kind\":\"none\"}");
        assertThat(send("GET", "/api/alerts/TT-0000000000000000/series", null, "Authorization", auth).statusCode()).isEqualTo(404);
    }

    @Test
    void theEvidenceBundleIsAnAnalystsExportWithHashesThatHold() throws Exception {
        String viewer = "Bearer " + token;
        String[] analyst = login("anna", "analyst password 1");
        String id = JSON.readTree(send("GET", "/api/alerts?category=dicom-undeclared", null, "Authorization", viewer).body())
                .get("alerts").get(0).get("id").asText();
        assertThat(send("GET", "/api/alerts/" + id + "/evidence", null, "Authorization", viewer).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> zip = client.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts/" + id + "/evidence"))
                .header("Cookie", analyst[0]).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("content-type").orElseThrow()).isEqualTo("application/zip");
        Map<String, byte[]> members = new java.util.LinkedHashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                members.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(members).containsKeys("packets.pcap", "flows.jsonl", "alert.json", "manifest.jsonl", "README.txt", "SHA256SUMS");
        assertThat(new String(members.get("alert.json"), java.nio.charset.StandardCharsets.UTF_8)).contains(id);
        for (String line : new String(members.get("SHA256SUMS"), java.nio.charset.StandardCharsets.UTF_8).lines().toList()) {
            String[] sum = line.split("  ", 2);
            assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(members.get(sum[1]))))
                    .as(sum[1]).isEqualTo(sum[0]);
        }
        assertThat(Files.readString(dir.resolve("data/audit.jsonl"))).contains("evidence of alert " + id);
    }

    @Test
    void aQuerysFlowsDownloadAsOnePcap() throws Exception {
        String viewer = "Bearer " + token;
        String[] analyst = login("anna", "analyst password 1");
        String q = java.net.URLEncoder.encode("ip.src:10.20.30.11 AND ip.dst:203.0.113.45", "UTF-8");
        assertThat(send("GET", "/api/pcap?q=" + q, null, "Authorization", viewer).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> pcap = client.send(HttpRequest.newBuilder(URI.create(base + "/api/pcap?q=" + q))
                .header("Cookie", analyst[0]).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pcap.statusCode()).isEqualTo(200);
        Path file = dir.resolve("query.pcap");
        Files.write(file, pcap.body());
        CommandLineRun.run("read", file.toString(), "--out", dir.resolve("query").toString());
        List<String> flows = Files.readAllLines(dir.resolve("query/conn.log")).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(flows).as("the beacon's 277 connections, and nothing else").hasSize(277)
                .allMatch(l -> l.contains("10.20.30.11") && l.contains("203.0.113.45"));
        assertThat(send("GET", "/api/pcap?q=" + java.net.URLEncoder.encode("ip.dst:192.0.2.254", "UTF-8"), null, "Cookie", analyst[0])
                .statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/pcap?q=ip.dst:", null, "Cookie", analyst[0]).statusCode()).isEqualTo(400);
    }

    @Test
    void theFieldsForCompletionAreTheCatalogsAndTheOpenApiDocumentsQueryParameters() throws Exception {
        String auth = "Bearer " + token;
        JsonNode fields = JSON.readTree(send("GET", "/api/fields", null, "Authorization", auth).body()).get("fields");
        Map<String, String> types = new java.util.HashMap<>();
        fields.forEach(f -> types.put(f.get("name").asText(), f.get("type").asText()));
        assertThat(types).containsEntry("ip", "alias").containsEntry("tls.sni", "name").containsEntry("bytes.out", "count")
                .containsKey("alert").containsKey("exists");
        // every name offered parses as a field of a query
        for (String name : types.keySet()) {
            String q = name.equals("alert") ? "alert:TT-0000000000000000" : name.equals("exists") ? "exists:tls.sni" : "exists:" + name;
            if (types.get(name).equals("alias")) {
                continue; // exists takes a field, not an alias
            }
            assertThat(send("GET", "/api/search?limit=0&q=" + java.net.URLEncoder.encode(q, "UTF-8"), null, "Authorization", auth)
                    .statusCode()).as(q).isEqualTo(200);
        }
        JsonNode search = JSON.readTree(send("GET", "/api/openapi.json", null, "Authorization", auth).body())
                .get("paths").get("/api/search").get("get").get("parameters");
        List<String> parameters = new ArrayList<>();
        search.forEach(p -> parameters.add(p.get("name").asText() + "@" + p.get("in").asText()));
        assertThat(parameters).contains("q@query", "since@query", "after@query", "facets@query", "histogram@query");
    }

    @Test
    void theEventStreamSendsTheBacklogThenEachNewAlert() throws Exception {
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        var stream = client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/events")).header("Authorization", "Bearer " + token)
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> response = stream.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        Thread reader = Thread.ofVirtual().start(() -> response.body().forEach(lines::add));
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (seen.stream().filter(l -> l.equals("event: alert")).count() < 37 || !seen.contains("event: health")) {
            String line = lines.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(System.nanoTime()).as("the backlog and the health arrive: " + seen.size() + " lines").isLessThan(deadline);
            if (line != null) {
                seen.add(line);
            }
        }
        // a new alert, indexed while the stream is open, arrives on it
        io.telltale.analysis.event.Alert fresh = new io.telltale.analysis.event.Alert("TT-00000000000000ff", 1_772_600_000_000_000_000L,
                "high", "beaconing", "Beacon every 60 s to 198.51.100.99", "a new beacon", "10.20.30.11", null, "198.51.100.99", null,
                "beacon", List.of("T1071"), List.of(1L), 0.9, null, -1, null, null, null);
        try (var index = new io.telltale.analysis.index.LuceneFlowIndex(new io.telltale.analysis.index.IndexLayout(dir.resolve("data")),
                new io.telltale.analysis.index.FlowDocuments(io.telltale.analysis.index.IndexSchema.standard(),
                        io.telltale.analysis.index.FlowDocuments.Enrichment.NONE))) {
            index.addAlert(fresh);
            index.commit();
        }
        deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            String line = lines.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(System.nanoTime()).as("the new alert arrives").isLessThan(deadline);
            if (line != null && line.startsWith("data: ") && line.contains("TT-00000000000000ff")) {
                break;
            }
        }
        reader.interrupt();
        response.body().close();
    }

    @Test
    void failedLoginsAreLimitedAndAudited() throws Exception {
        // a server of its own: this test leaves 127.0.0.1 locked out for five minutes
        try (DashboardServer own = new DashboardServer(new InetSocketAddress("127.0.0.1", 0), dir.resolve("data"),
                TlsMaterial.selfSigned(dir.resolve("data/tls"), "sensor-01.example.test"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC(), System.err::println)) {
            String url = "https://127.0.0.1:" + own.address().getPort() + "/api/login";
            for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
                assertThat(post(url, "{\"name\":\"anna\",\"password\":\"guess " + i + "\"}").statusCode()).isEqualTo(401);
            }
            HttpResponse<String> limited = post(url, "{\"name\":\"anna\",\"password\":\"analyst password 1\"}");
            assertThat(limited.statusCode()).as("even the right password waits").isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after")).isPresent();
        }
        String audit = Files.readString(dir.resolve("data/audit.jsonl"));
        assertThat(audit).contains("\"user\":\"anna\"").contains("\"action\":\"login-failed\"").contains("\"action\":\"login-refused\"");
    }

    static HttpResponse<String> post(String url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The CLI in-process, for the fixture. */
    static final class CommandLineRun {
        static void run(String... args) {
            var cli = TelltaleCommand.commandLine();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(out));
            assertThat(cli.execute(args)).as(out.toString()).isZero();
        }
    }
}
