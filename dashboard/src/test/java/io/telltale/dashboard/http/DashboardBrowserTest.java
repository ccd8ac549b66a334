package io.telltale.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.telltale.dashboard.auth.PasswordHasher;
import io.telltale.dashboard.auth.Role;
import io.telltale.dashboard.auth.UserStore;
import io.telltale.testdata.payload.Tls;
import io.telltale.testdata.wire.Frame;
import io.telltale.testdata.wire.Link;
import io.telltale.testdata.wire.PcapFileWriter;
import io.telltale.testdata.wire.TcpConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's, driven by its chromedriver through Selenium):
 * log in, see the example day's alerts, search flows; a flow whose SNI is
 * {@code <img src=x onerror=alert(1)>} shows those characters as text, runs nothing, adds no element.
 * The screenshots go to {@code target/screenshots/}.
 */
class DashboardBrowserTest {

    static final String XSS = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path dir;
    static DashboardServer server;
    static WebDriver browser;
    static String base;
    static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("data");
        Path hostile = dir.resolve("hostile-sni.pcap");
        writeHostileSni(hostile);
        DashboardServerTest.CommandLineRun.run("read", "../examples/screening-day.pcap", hostile.toString(), "--policy",
                "../examples/site-policy.yaml", "--out", dir.resolve("out").toString(), "--data-dir", data.toString());
        UserStore users = new UserStore(data, new PasswordHasher());
        users.put("anna", Role.ANALYST, "analyst password 1".toCharArray());
        users.put("victor", Role.VIEWER, "viewer password 1".toCharArray());
        users.put("ada", Role.ADMIN, "admin password 11".toCharArray());
        server = new DashboardServer(new InetSocketAddress("127.0.0.1", 0), data,
                TlsMaterial.selfSigned(data.resolve("tls"), "sensor-01.example.test"),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC(), System.err::println,
                new io.telltale.dashboard.app.CliPolicyActions(
                        Files.copy(Path.of("../examples/site-policy.yaml"), dir.resolve("site-policy.yaml")), dir.resolve("out")));
        base = "https://127.0.0.1:" + server.address().getPort() + "/";
        downloads = dir.resolve("downloads");
        Files.createDirectories(downloads);
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        options.setAcceptInsecureCerts(true); // the appliance's own self-signed certificate
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                .build(), options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A scanner of the example site opens TLS to an undeclared address, naming a server that is markup. */
    static void writeHostileSni(Path pcap) throws Exception {
        Random random = new Random(7);
        Link link = new Link(new byte[] {0, 0x0b, (byte) 0xab, 0x5c, 0x11, 0x01}, new byte[] {0, 0x1b, 0x21, 0, 0, 1},
                InetAddress.getByName("10.20.30.11"), InetAddress.getByName("203.0.113.66"), 64, 52, -1, 100);
        List<Frame> frames = new ArrayList<>();
        TcpConnection c = new TcpConnection(link, frames, random, 50123, 443, 1_772_500_000_000_000_000L, 20_000_000L, 0);
        c.open().clientSends(Tls.clientHello(Tls.Client.EMBEDDED_OPENSSL, XSS, List.of("http/1.1"), random));
        for (Tls.Step step : Tls.tls13Rest(0x1301, random)) {
            if (step.fromClient()) {
                c.clientSends(step.bytes());
            } else {
                c.serverSends(step.bytes());
            }
        }
        c.close(true);
        try (PcapFileWriter out = new PcapFileWriter(pcap)) {
            for (Frame f : frames) {
                out.write(f);
            }
        }
    }

    /** The first file in the downloads ending so, waited for up to ten seconds; null when none came. */
    static Path downloaded(String suffix) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (var files = Files.list(downloads)) {
                Path found = files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
                if (found != null) {
                    return found;
                }
            }
            Thread.sleep(100);
        }
        return null;
    }

    static void screenshot(String name) throws Exception {
        Path shots = Path.of("target/screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void anAnalystLogsInSeesTheAlertsSearchesAndTheHostileSniStaysText() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // tables are redrawn as answers come
        browser.get(base);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        screenshot("login");
        browser.findElement(By.name("name")).sendKeys("anna");
        browser.findElement(By.name("password")).sendKeys("wrong password!");
        browser.findElement(By.cssSelector("#login button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "wrong name or password"));
        browser.findElement(By.name("password")).clear();
        browser.findElement(By.name("password")).sendKeys("analyst password 1");
        browser.findElement(By.cssSelector("#login button")).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#alerts tbody tr"), 30));
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("anna (analyst)");
        List<WebElement> rows = browser.findElements(By.cssSelector("#alerts tbody tr"));
        assertThat(rows.stream().map(WebElement::getText)).anyMatch(t -> t.contains("critical") && t.contains("beaconing"));
        assertThat(rows.stream().map(WebElement::getText)).as("the hostile flow's alert")
                .anyMatch(t -> t.contains("undeclared-peer") && t.contains("203.0.113.66"));
        // the overview: two charts drawn (ECharts, served from the jar), and the devices, marked where they went outside
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#chart-alerts canvas, #chart-countries canvas"), 1));
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#devices tbody tr"), 2));
        WebElement scanner = browser.findElements(By.cssSelector("#devices tbody tr")).stream()
                .filter(r -> r.getText().contains("10.20.30.11")).findFirst().orElseThrow();
        assertThat(scanner.findElement(By.cssSelector(".mark")).getAttribute("class")).contains("outside");
        // the health strip: the index's alert count agrees with the list
        WebElement alertsFigure = browser.findElement(By.xpath("//dl[@id='health']/div[dt='alerts']/dd"));
        assertThat(Integer.parseInt(alertsFigure.getText().replace(",", ""))).isEqualTo(rows.size());
        screenshot("overview");
        // a device: its peers declared or not, and its connection graph
        browser.findElements(By.cssSelector("#devices tbody tr")).stream().filter(r -> r.getText().contains("10.20.30.12"))
                .findFirst().orElseThrow().click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("device-title"), "10.20.30.12"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#device-graph canvas")));
        WebElement webServer = browser.findElements(By.cssSelector("#device-peers tbody tr")).stream()
                .filter(r -> r.getText().startsWith("192.0.2.80:80 ")).findFirst().orElseThrow();
        assertThat(webServer.findElements(By.tagName("td")).getLast().getText()).isEqualTo("no");
        assertThat(webServer.findElements(By.cssSelector("td.undeclared"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#device-peers tbody tr")).stream().map(WebElement::getText))
                .as("and its declared peers").anyMatch(t -> t.endsWith(" yes"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#device-traffic canvas")));
        assertThat(browser.findElement(By.id("device-seen")).getText()).matches("first seen 2026-03-0\\d .* · last seen 2026-03-0\\d .*");
        screenshot("device");

        // an alert indexed while the page is open appears at the top (server-sent events)
        try (var index = new io.telltale.analysis.index.LuceneFlowIndex(new io.telltale.analysis.index.IndexLayout(dir.resolve("data")),
                new io.telltale.analysis.index.FlowDocuments(io.telltale.analysis.index.IndexSchema.standard(),
                        io.telltale.analysis.index.FlowDocuments.Enrichment.NONE))) {
            index.addAlert(new io.telltale.analysis.event.Alert("TT-00000000000000aa", 1_772_600_000_000_000_000L, "critical",
                    "dns-tunnel", "DNS tunnel to t.example.org", "a live one", "10.20.30.12", null, "10.20.40.53", "t.example.org",
                    "dns-tunnel", List.of("T1071.004"), List.of(1L), 0.9, null, -1, null, null, null));
            index.commit();
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#alerts tbody tr:first-child"),
                "DNS tunnel to t.example.org"));

        // the query box completes field names from the catalog
        WebElement query = browser.findElement(By.name("q"));
        query.sendKeys("port.dst:443 AND tls.s");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("completions"), "tls.sni"));
        screenshot("completion");
        query.sendKeys(org.openqa.selenium.Keys.TAB);
        wait.until(ExpectedConditions.attributeToBe(By.name("q"), "value", "port.dst:443 AND tls.sni:"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("field-hint"), "tls.sni (name)"));
        query.clear();
        query.sendKeys("ip.dst:203.0.113.66");
        browser.findElement(By.cssSelector("#search button")).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#flows tbody tr"), 0));
        WebElement flow = browser.findElements(By.cssSelector("#flows tbody tr")).getFirst();
        assertThat(flow.findElements(By.tagName("td")).getLast().getText()).as("the SNI shows as the characters it is").isEqualTo(XSS);
        assertThat(browser.findElements(By.cssSelector("img"))).as("and made no element").isEmpty();
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return typeof window.alertFired")).isEqualTo("undefined");
        screenshot("search");
        // the flow's detail: every field, the hostile one as text too
        flow.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flow-title"), "Flow C"));
        WebElement sni = browser.findElements(By.cssSelector("#flow-fields tbody tr")).stream()
                .filter(r -> r.getText().startsWith("tls.sni")).findFirst().orElseThrow();
        assertThat(sni.findElements(By.tagName("td")).getLast().getText()).isEqualTo(XSS);
        assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();

        // facets narrow the query with a click; the time histogram is drawn
        query.clear();
        query.sendKeys("port.dst:443");
        browser.findElement(By.cssSelector("#search button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#search-histogram canvas")));
        By beaconTarget = By.xpath("//ul[@data-field='ip.dst']//button[starts-with(normalize-space(.), '203.0.113.45 (')]");
        wait.until(ExpectedConditions.elementToBeClickable(beaconTarget)).click();
        wait.until(ExpectedConditions.attributeToBe(By.name("q"), "value", "port.dst:443 AND ip.dst:203.0.113.45"));
        wait.until(d -> {
            List<WebElement> flows = d.findElements(By.cssSelector("#flows tbody tr"));
            return !flows.isEmpty() && flows.stream().allMatch(r -> r.getText().contains("203.0.113.45:443"));
        });
        assertThat(browser.findElement(By.id("search-total")).getText()).matches("\\d+ flows");
        screenshot("facets");

        // an alert's detail: the why, its evidence flows, its packets as a pcap that reads back, triage; accepting needs admin
        browser.findElements(By.cssSelector("#alerts tbody tr")).stream().filter(r -> r.getText().contains("Beacon every 298 s"))
                .findFirst().orElseThrow().click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-title"), "Beacon every 298 s to 203.0.113.45"));
        assertThat(browser.findElement(By.id("detail-why")).getText()).isNotBlank();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#detail-flows tbody tr"), 1));
        assertThat(browser.findElements(By.cssSelector("#detail-flows tbody tr")).getFirst().getText()).contains("203.0.113.45");
        // the beacon behind it: every connection, and the gaps between them as a histogram
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#beacon-intervals canvas")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#beacon-timeline canvas")));
        assertThat(browser.findElement(By.id("beacon-summary")).getText()).matches("277 connections, one every 29\\d s on the median");
        assertThat(browser.findElement(By.id("detail-tunnel")).isDisplayed()).isFalse();
        browser.findElement(By.id("detail-comment")).sendKeys("vendor says: <b>licence</b> check");
        browser.findElement(By.id("detail-ack")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-triage"),
                "acknowledged by anna: vendor says: <b>licence</b> check"));
        browser.findElement(By.id("detail-accept")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-error"), "needs the admin role"));
        screenshot("alert");
        // its evidence, followed to the flow
        WebElement evidence = browser.findElements(By.cssSelector("#detail-flows tbody tr")).getFirst();
        String evidenceUid = evidence.findElements(By.tagName("td")).get(1).getText();
        evidence.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flow-title"), "Flow " + evidenceUid));
        assertThat(browser.findElements(By.cssSelector("#flow-fields tbody tr")).stream().map(WebElement::getText))
                .anyMatch(t -> t.equals("ip.dst 203.0.113.45"));
        browser.findElement(By.id("detail-pcap")).click();
        Path pcap = downloaded(".pcap");
        assertThat(pcap).as("the pcap was downloaded").isNotNull();
        DashboardServerTest.CommandLineRun.run("read", pcap.toString(), "--out", dir.resolve("downloaded").toString());
        assertThat(Files.readString(dir.resolve("downloaded/conn.log"))).contains("203.0.113.45");
        // and the evidence bundle: pcap, records, alert, manifest lines, their hashes
        browser.findElement(By.id("detail-evidence")).click();
        Path zip = downloaded(".zip");
        assertThat(zip).as("the evidence bundle was downloaded").isNotNull();
        try (var bundle = new java.util.zip.ZipFile(zip.toFile())) {
            assertThat(bundle.stream().map(java.util.zip.ZipEntry::getName).toList())
                    .contains("packets.pcap", "flows.jsonl", "alert.json", "manifest.jsonl", "SHA256SUMS");
        }

        // a DNS tunnel: the names it asked under its domain, every one
        browser.findElements(By.cssSelector("#alerts tbody tr")).stream().filter(r -> r.getText().contains("DNS tunnel to c2.example"))
                .findFirst().orElseThrow().click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#tunnel-names tbody tr"), 100));
        assertThat(browser.findElements(By.cssSelector("#tunnel-names tbody tr")).stream().map(r -> r.findElements(By.tagName("td")).get(1).getText()))
                .allMatch(name -> name.endsWith(".c2.example"));
        assertThat(browser.findElement(By.id("tunnel-summary")).getText()).matches("\\d+ different names under c2.example in \\d+ flows");
        assertThat(browser.findElement(By.id("detail-beacon")).isDisplayed()).isFalse();
        screenshot("tunnel");

        // the API, browsable from its OpenAPI document
        WebElement searchRoute = browser.findElements(By.cssSelector("#api tbody tr")).stream()
                .filter(r -> r.getText().startsWith("GET /api/search ")).findFirst().orElseThrow();
        assertThat(searchRoute.getText()).contains("q: the query").contains("viewer");

        query.clear();
        query.sendKeys("ip.dst:10.0.0.0/33");
        browser.findElement(By.cssSelector("#search button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("search-error"), "prefix"));

        // the alert list filtered by severity and category
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("#alert-filter select[name=severity]")))
                .selectByVisibleText("critical");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("#alert-filter select[name=category]")))
                .selectByVisibleText("beaconing");
        wait.until(d -> d.findElements(By.cssSelector("#alerts tbody tr")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("#alerts tbody tr")).stream().map(WebElement::getText))
                .allMatch(t -> t.contains("critical") && t.contains("beaconing"));
        assertThat(browser.findElement(By.id("alert-count")).getText()).isEqualTo("2 alerts");

        // accepting into the policy: a viewer is refused, an admin does it
        for (String[] user : new String[][] {{"victor", "viewer password 1", "needs the admin role"},
                {"ada", "admin password 11", "accepted into the policy"}}) {
            browser.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
            browser.findElement(By.name("name")).clear();
            browser.findElement(By.name("name")).sendKeys(user[0]);
            browser.findElement(By.name("password")).clear();
            browser.findElement(By.name("password")).sendKeys(user[1]);
            browser.findElement(By.cssSelector("#login button")).click();
            wait.until(d -> d.findElements(By.cssSelector("#alerts tbody tr")).stream()
                    .filter(r -> r.getText().contains("Beacon every 298 s")).findFirst().orElse(null)).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-title"), "Beacon every 298 s"));
            browser.findElement(By.id("detail-accept")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-error"), user[2]));
        }
        assertThat(Files.readString(dir.resolve("site-policy.yaml"))).contains("203.0.113.45/32");
    }
}
