package io.telltale.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.telltale.dashboard.auth.PasswordHasher;
import io.telltale.dashboard.auth.Role;
import io.telltale.dashboard.auth.UserStore;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard from an attacker's side, authenticated as a viewer and as an analyst, the OWASP top ten
 * kinds it could fall to: path traversal through pcap downloads and static paths, session fixation,
 * cross-site request forgery, injection into the query language, and over-long input. Each answer must
 * be a refusal that says why (never a stack trace, a file from outside, or a changed state).
 */
class DashboardAttackTest {

    @TempDir
    static Path dir;
    static DashboardServer server;
    static HttpClient client;
    static String base;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("data");
        DashboardServerTest.CommandLineRun.run("read", "../examples/screening-day.pcap", "--policy", "../examples/site-policy.yaml",
                "--out", dir.resolve("out").toString(), "--data-dir", data.toString());
        UserStore users = new UserStore(data, new PasswordHasher());
        users.put("anna", Role.ANALYST, "analyst password 1".toCharArray());
        users.put("victor", Role.VIEWER, "viewer password 1".toCharArray());
        Files.writeString(dir.resolve("secret.txt"), "not for the dashboard");
        TlsMaterial tls = TlsMaterial.selfSigned(data.resolve("tls"), "sensor-01.example.test");
        server = new DashboardServer(new InetSocketAddress("127.0.0.1", 0), data, tls, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.systemUTC(), System.err::println);
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
    void pathTraversalReachesNoFileOutsideTheDashboard() throws Exception {
        String[] analyst = login("anna", "analyst password 1");
        for (String path : List.of("/api/flows/..%2F..%2F..%2Fsecret.txt/pcap", "/api/flows/../../secret.txt/pcap",
                "/api/alerts/..%2F..%2Fsecret.txt/pcap", "/api/alerts/..%2F..%2Fsecret.txt/evidence", "/../secret.txt",
                "/vendor/..%2F..%2F..%2Fsecret.txt", "/%2e%2e/%2e%2e/secret.txt", "/app.js/../../secret.txt")) {
            HttpResponse<String> r = send("GET", path, null, "Cookie", analyst[0]);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("not for the dashboard").doesNotContain("Exception");
        }
    }

    @Test
    void aSessionIdGivenBeforeLoginIsNeverTheOneAfter() throws Exception {
        String planted = "telltale_session=attacker-chosen-session-id";
        String[] after = login("victor", "viewer password 1", "Content-Type", "application/json", "Cookie", planted);
        assertThat(after[0]).isNotEqualTo(planted).startsWith("telltale_session=");
        assertThat(send("GET", "/api/me", null, "Cookie", planted).statusCode()).as("the planted id is nobody's").isEqualTo(401);
        assertThat(send("GET", "/api/me", null, "Cookie", after[0]).statusCode()).isEqualTo(200);
    }

    @Test
    void aChangeFromAnotherSiteFailsWithoutTheTokenEvenWithTheCookie() throws Exception {
        String[] analyst = login("anna", "analyst password 1");
        String id = JSON.readTree(send("GET", "/api/alerts?limit=1", null, "Cookie", analyst[0]).body()).get("alerts").get(0).get("id")
                .asText();
        // a form post from elsewhere carries the cookie (were SameSite not there) but cannot know the token
        HttpResponse<String> forged = send("POST", "/api/alerts/" + id + "/triage", "status=false-positive", "Cookie", analyst[0],
                "Content-Type", "application/x-www-form-urlencoded", "Origin", "https://evil.example");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/alerts/" + id + "/triage", null, "Cookie", analyst[0]).body()).isEqualTo("{\"triage\":[]}");
    }

    @Test
    void aQueryCannotReachBeyondTheLanguageAndOverLongInputIsRefused() throws Exception {
        String[] viewer = login("victor", "viewer password 1");
        // Lucene's own syntax for regular expressions, fuzzy terms, field boosts and local parameters is not ours
        for (String q : List.of("ip.src:/.*/", "{!lucene}*:*", "_source:*", "tls.sni:a~2", "ip.src:10.0.0.1^100", "*:*",
                "flow.uid:C\"; DROP", "alert:\" OR \"*")) {
            HttpResponse<String> r = send("GET", "/api/search?limit=1&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), null,
                    "Cookie", viewer[0]);
            assertThat(r.statusCode()).as(q).isIn(200, 400);
            if (r.statusCode() == 400) {
                assertThat(JSON.readTree(r.body()).get("error").asText()).as(q).startsWith("the query");
            } else {
                assertThat(JSON.readTree(r.body()).get("total").asLong()).as("%s matches what the language says", q).isLessThan(5000);
            }
        }
        String huge = "a".repeat(2_000_000);
        HttpResponse<String> big = send("POST", "/api/login", "{\"name\":\"" + huge + "\",\"password\":\"x\"}",
                "Content-Type", "application/json");
        assertThat(big.statusCode()).isIn(400, 413);
        assertThat(big.body()).contains("the request body is over 1024 KiB");
        try {
            HttpResponse<String> longQuery = send("GET", "/api/search?q=" + "a".repeat(100_000), null, "Cookie", viewer[0]);
            assertThat(longQuery.statusCode()).isIn(400, 414, 431);
        } catch (java.io.IOException refused) {
            // HTTP/2 refuses a header block over its limit at the protocol level (the stream or connection ends)
        }
        assertThat(send("GET", "/api/me", null, "Cookie", viewer[0]).statusCode()).as("and the server still answers").isEqualTo(200);
    }
}
