package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.testdata.ReferenceCorpus;
import io.telltale.testdata.live.NetnsLab;
import io.telltale.testdata.live.Tmpfs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code telltale capture} as an operator runs it, in a network namespace of the test's own: started
 * as root, it opens its sockets, becomes {@code nobody} with no capabilities left, and still captures
 * a replayed capture into the same conn.log that {@code telltale read} writes from the file — with two
 * AF_PACKET workers in a fanout group, or libpcap with two workers behind it; SIGTERM ends it cleanly,
 * with every flow written. Needs root, iproute2 and tcpreplay; skipped otherwise.
 */
class CaptureCommandLiveTest {

    static NetnsLab lab;

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(NetnsLab.available(), "live capture needs root, iproute2 and tcpreplay");
        lab = new NetnsLab("cmd");
    }

    @AfterAll
    static void down() throws IOException {
        if (lab != null) {
            lab.close();
        }
        removeReadableClassPath();
    }

    /** Removes the copies {@link #readableClassPath} made; the next call makes them again (other test classes use them). */
    static synchronized void removeReadableClassPath() throws IOException {
        if (copiedJars != null) {
            Path dir = copiedJars;
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
            copiedJars = null;
            readableClassPath = null;
        }
    }

    static String readableClassPath;
    /** Where the copies are, removed after the tests. */
    static Path copiedJars;

    /**
     * The test's class path, readable by {@code nobody}: the capture opens jars lazily, also after it has
     * become nobody, and Maven's repository under /root is not readable by others (an installed
     * Telltale's jars are).
     */
    static synchronized String readableClassPath() throws IOException {
        if (readableClassPath == null) {
            Path dir = Files.createTempDirectory("telltale-cp");
            copiedJars = dir;
            dir.toFile().setReadable(true, false);
            dir.toFile().setExecutable(true, false);
            List<String> entries = new ArrayList<>();
            int i = 0;
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isRegularFile(p)) {
                    Path copy = dir.resolve((i++) + "-" + p.getFileName());
                    Files.copy(p, copy);
                    copy.toFile().setReadable(true, false);
                    entries.add(copy.toString());
                } else {
                    entries.add(entry);
                }
            }
            readableClassPath = String.join(java.io.File.pathSeparator, entries);
        }
        return readableClassPath;
    }

    /** The capture command in the capture namespace, as its own process (setuid applies to a whole process). */
    static Process start(Path out, String... options) throws IOException {
        return start(List.of(), out, options);
    }

    /** The same, the JVM started through {@code wrapper} (setpriv, to run as a user with ambient capabilities). */
    static Process start(List<String> wrapper, Path out, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", lab.capture));
        command.addAll(wrapper);
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED", "-cp",
                readableClassPath(), TelltaleCommand.class.getName(), "capture", "-i", "vcap", "--out",
                out.toString(), "--stats-interval", "1"));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Completes at the end of the process's output. */
    static final java.util.Map<Process, CompletableFuture<Void>> ENDS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Reads the process's output; completes the returned future when the capture says it runs. */
    static CompletableFuture<String> waitUntilCapturing(Process p, StringBuilder all) {
        CompletableFuture<String> capturing = new CompletableFuture<>();
        CompletableFuture<Void> end = new CompletableFuture<>();
        ENDS.put(p, end);
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (all) {
                        all.append(line).append('\n');
                    }
                    if (line.startsWith("capturing on")) {
                        capturing.complete(line);
                    }
                }
            } catch (IOException e) {
                capturing.completeExceptionally(e);
            }
            capturing.complete("exited before capturing");
            end.complete(null);
        });
        return capturing;
    }

    /** Waits for the process to end and its output to be read whole. */
    static void awaitEnd(Process p) throws Exception {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        ENDS.remove(p).get(10, TimeUnit.SECONDS);
    }

    static List<String> flows(Path conn) throws IOException {
        return Files.readAllLines(conn).stream().filter(l -> !l.startsWith("#")).map(l -> {
            String[] f = l.split("\t", -1);
            return String.join(" ", f[2], f[3], f[4], f[5], f[6], f[9], f[10], f[11], f[15], f[16], f[18]);
        }).sorted().toList();
    }

    static List<String> offline(Path pcap, Path dir) throws IOException {
        ReadCommandTest.Run read = ReadCommandTest.run("read", pcap.toString(), "--out", dir.toString());
        assertThat(read.exitCode()).isZero();
        return flows(dir.resolve("conn.log"));
    }

    @Test
    void capturesAsNobodyWithoutCapabilitiesWhatTheFileHolds(@TempDir Path dir) throws Exception {
        Path pcap = ReferenceCorpus.load().capture("zeek__wikipedia.pcap").path();
        for (String source : List.of("afpacket", "libpcap")) {
            Path out = dir.resolve(source);
            StringBuilder output = new StringBuilder();
            Process p = start(out, "--duration", "4", "--workers", "2", "--source", source);
            String capturing = waitUntilCapturing(p, output).get(60, TimeUnit.SECONDS);
            assertThat(capturing).as(output.toString()).contains("running as nobody").contains("effective capabilities 0");
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"));
            assertThat(status).as("the capture process itself").contains("CapEff:\t0000000000000000")
                    .anyMatch(l -> l.startsWith("Uid:\t65534"));
            lab.replay(pcap, "--topspeed");
            awaitEnd(p);
            assertThat(p.exitValue()).as(output.toString()).isZero();
            assertThat(output.toString()).contains("captured 136 packets").contains("dropped 0, shed 0, capture gaps 0")
                    .doesNotContain("SLF4J(E)");
            assertThat(flows(out.resolve("conn.log"))).as(source).isEqualTo(offline(pcap, dir.resolve("offline-" + source)));
        }
    }

    /**
     * With {@code --data-dir}, the capture (as nobody, two AF_PACKET workers or libpcap with two workers
     * behind it; a store filter compiled by libpcap on the workers) indexes every flow it writes and keeps
     * their packets: search finds each flow of conn.log, and extract gives back frames that are,
     * byte for byte, frames of the replayed capture.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"afpacket", "libpcap"})
    void aLiveCaptureIndexesAndStoresWhatItSees(String source, @TempDir Path dir) throws Exception {
        dir.toFile().setExecutable(true, false); // nobody must reach the data directory it is given
        Path pcap = ReferenceCorpus.load().capture("zeek__wikipedia.pcap").path();
        Path data = dir.resolve("data");
        StringBuilder output = new StringBuilder();
        Process p = start(dir.resolve("out"), "--duration", "4", "--workers", "2", "--source", source, "--data-dir",
                data.toString(), "--store-filter", "ip or ip6 or arp");
        assertThat(waitUntilCapturing(p, output).get(60, TimeUnit.SECONDS)).as(output.toString()).contains("running as nobody");
        lab.replay(pcap, "--topspeed");
        awaitEnd(p);
        assertThat(p.exitValue()).as(output.toString()).isZero();
        long kept = PacketStoreFilterTest.tshark(pcap, "ip or ipv6 or arp");
        assertThat(kept).isLessThan(136); // the capture has frames of other link protocols, which the filter leaves out
        assertThat(output.toString()).contains("indexed 34 flow documents").contains("stored " + kept + " packets");
        ReadCommandTest.Run search = ReadCommandTest.run("search", "--data-dir", data.toString(), "--format", "jsonl",
                "--limit", "1000", "proto:tcp");
        assertThat(search.exitCode()).as(search.err()).isZero();
        List<String> hits = search.out().lines().toList();
        assertThat(hits).hasSize((int) flows(dir.resolve("out").resolve("conn.log")).stream().filter(f -> f.contains(" tcp ")).count())
                .isNotEmpty();
        String uid = hits.getFirst().substring(8, hits.getFirst().indexOf('"', 8));
        ReadCommandTest.Run extract = ReadCommandTest.run("extract", "--flow", uid, "--data-dir", data.toString(), "-o",
                dir.resolve("flow.pcap").toString());
        assertThat(extract.exitCode()).as(extract.err()).isZero();
        List<String> original = ExtractAgreementTest.frames(pcap).stream().map(ExtractAgreementTest.Frame::bytes).toList();
        List<ExtractAgreementTest.Frame> extracted = ExtractAgreementTest.frames(dir.resolve("flow.pcap"));
        assertThat(extracted).isNotEmpty().allSatisfy(f -> assertThat(original).contains(f.bytes()));
    }

    /**
     * Run as the systemd unit would (a plain user with ambient CAP_NET_RAW only): the interface going
     * down and up is said and survived; the interface deleted and made again is said and reopened.
     */
    @Test
    void anInterfaceThatGoesAwayIsSaidAndReopened() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) runs the capture as a user");
        Path pcap = ReferenceCorpus.load().capture("zeek__wikipedia.pcap").path();
        Path dir = Files.createTempDirectory("telltale-user"); // JUnit's temporary folders are closed to other users
        dir.toFile().setExecutable(true, false);
        Path out = dir.resolve("user");
        Files.createDirectories(out);
        out.toFile().setWritable(true, false);
        out.toFile().setExecutable(true, false);
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        data.toFile().setWritable(true, false);
        data.toFile().setExecutable(true, false);
        StringBuilder output = new StringBuilder();
        Process p = start(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=+net_raw",
                "--ambient-caps=+net_raw"), out, "--data-dir", data.toString());
        String capturing = waitUntilCapturing(p, output).get(60, TimeUnit.SECONDS);
        assertThat(capturing).as(output.toString()).contains("effective capabilities 2000"); // CAP_NET_RAW alone
        lab.replay(pcap, "--topspeed");
        NetnsLab.run("ip", "-n", lab.capture, "link", "set", "vcap", "down");
        Thread.sleep(2_500);
        NetnsLab.run("ip", "-n", lab.capture, "link", "set", "vcap", "up");
        Thread.sleep(2_000);
        lab.replaceVeth();
        Thread.sleep(3_000);
        lab.replay(pcap, "--topspeed");
        Thread.sleep(1_000);
        p.toHandle().destroy();
        awaitEnd(p);
        assertThat(output.toString()).contains("capture-gap: vcap is down").contains("capture: vcap is up again")
                .contains("capture-gap: vcap is gone").contains("capture: vcap reopened").contains("captured 272 packets")
                .contains("capture gaps 2");
        // each gap is also an alert, dated when it began, and its length is said when it closes; in the alert index too
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            alerts.add(new ObjectMapper().readTree(line));
        }
        assertThat(alerts).as(output.toString()).extracting(a -> a.get("category").asText()).containsOnly("capture-gap");
        List<String> titles = alerts.stream().map(a -> a.get("title").asText()).toList();
        assertThat(titles).hasSize(4).satisfiesExactly(
                t -> assertThat(t).isEqualTo("Capture interface vcap is down: nothing is seen until it is back"),
                t -> assertThat(t).matches("Capture gap on vcap: down for [1-4]\\.\\d s"),
                t -> assertThat(t).isEqualTo("Capture interface vcap is gone: nothing is seen until it is back"),
                t -> assertThat(t).matches("Capture gap on vcap: gone for \\d\\.\\d s"));
        assertThat(output.toString()).contains("ALERT high     capture-gap        capture interface vcap  Capture gap on vcap: down for");
        try (LuceneFlowSearch search = new LuceneFlowSearch(
                new IndexLayout(data), IndexSchema.standard())) {
            for (JsonNode a : alerts) {
                assertThat(search.alert(a.get("id").asText())).as("%s in the alert index", a.get("title"))
                        .singleElement().satisfies(indexed -> assertThat(indexed.get("title")).isEqualTo(a.get("title").asText()));
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** With a policy: alerts as they fire, the policy reloaded when edited (a broken edit refused), the inventory at the end. */
    @Test
    void aLiveCaptureAlertsAndTakesAnEditedPolicyWithoutARestart() throws Exception {
        Path pcap = ReferenceCorpus.load().capture("zeek__wikipedia.pcap").path();
        Path dir = Files.createTempDirectory("telltale-policy"); // readable by nobody, who reloads the policy
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        Path policy = dir.resolve("site.yaml");
        Files.writeString(policy, "site: lab\ngroups:\n  lab:\n    cidr: [141.142.220.0/24]\n");
        policy.toFile().setReadable(true, false);
        Path out = dir.resolve("out");
        StringBuilder output = new StringBuilder();
        Process p = start(out, "--policy", policy.toString(), "--evaluate-interval", "1", "--learn");
        waitUntilCapturing(p, output).get(60, TimeUnit.SECONDS);
        lab.replay(pcap, "--topspeed");
        Thread.sleep(2_000);
        Files.writeString(policy, "site: lab\ngroups:\n  lab:\n    cidr: [141.142.220.0/33]\n");
        Thread.sleep(3_000);
        Files.writeString(policy, "site: lab\ngroups:\n  lab:\n    cidr: [141.142.220.0/24]\ndeclarations:\n"
                + "  - {id: wiki, from: lab, to: 208.80.152.0/24, transport: tcp, ports: [80]}\n");
        Thread.sleep(3_000);
        p.toHandle().destroy();
        awaitEnd(p);
        String said = output.toString();
        // the flows end when the capture stops, under the reloaded policy: the Wikipedia fetches are declared by
        // then, the DNS to the campus resolver is not
        assertThat(said).contains("ALERT high     undeclared-peer    141.142.220.118 -> 141.142.2.2 [US AS1224]")
                .doesNotContain("-> 208.80.152.")
                .contains("policy " + policy + " not reloaded, the one in force stays: " + policy + ":4:")
                .contains("policy " + policy + " reloaded (version 1)")
                .containsPattern("alerts +\\d+ written to " + out.resolve("alerts.jsonl"));
        assertThat(Files.readString(out.resolve("assets.jsonl"))).contains("\"address\":\"141.142.220.118\"")
                .contains("\"groups\":[\"lab\"]");
        // learning from the live traffic: what the edited policy still leaves undeclared, proposed as a diff
        assertThat(said).contains("+learned:\n").contains("+  - id: learned-lab-dns-53\n+    from: \"lab\"\n"
                + "+    to: \"141.142.2.2/32\"\n").contains("proposed from this capture");
        assertThat(Files.readString(out.resolve("policy-proposal.diff"))).startsWith("--- " + policy);
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /**
     * With outputs, as nobody: the alerts go to a rotated JSON-lines file, and, the SIEM being
     * unreachable, wait in its spool, which the capture could still write after dropping root.
     */
    @Test
    void aLiveCaptureFeedsItsOutputsAfterDroppingRoot() throws Exception {
        Path pcap = ReferenceCorpus.load().capture("zeek__wikipedia.pcap").path();
        Path dir = Files.createTempDirectory("telltale-outputs");
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        Path policy = dir.resolve("site.yaml");
        Files.writeString(policy, "site: lab\ngroups:\n  lab:\n    cidr: [141.142.220.0/24]\n");
        policy.toFile().setReadable(true, false);
        Path outputs = dir.resolve("outputs.yaml");
        Files.writeString(outputs, """
                drain_timeout: 2s
                syslog:
                  - {name: soc, transport: tcp, host: 127.0.0.1, port: 1, format: leef}
                jsonl:
                  - {name: export, path: %s, alert_format: ecs}
                """.formatted(dir.resolve("export/alerts.jsonl")));
        outputs.toFile().setReadable(true, false);
        Path out = dir.resolve("out");
        StringBuilder output = new StringBuilder();
        Process p = start(out, "--policy", policy.toString(), "--outputs", outputs.toString());
        waitUntilCapturing(p, output).get(60, TimeUnit.SECONDS);
        lab.replay(pcap, "--topspeed");
        Thread.sleep(2_000);
        p.toHandle().destroy();
        awaitEnd(p);
        String said = output.toString();
        long alerts = Files.readAllLines(out.resolve("alerts.jsonl")).size();
        assertThat(alerts).isPositive();
        assertThat(said).contains("running as nobody").contains("siem soc: cannot connect to 127.0.0.1:1")
                .contains("output      siem soc: 0 alerts delivered, " + alerts + " waiting in the spool")
                .contains("output      export: " + alerts + " records written");
        List<String> exported = Files.readAllLines(dir.resolve("export/alerts.jsonl"));
        assertThat(exported).hasSize((int) alerts).allMatch(l -> l.contains("\"kind\":\"alert\""));
        try (io.telltale.dashboard.siem.DiskSpool spool = io.telltale.dashboard.siem.DiskSpool.open(out.resolve("spool/soc"),
                256L << 20, m -> { })) {
            assertThat(spool.pendingEntries()).as("the undelivered alerts wait for the next start").isEqualTo(alerts);
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** With rules and an indicator list: signatures fire live, and edited rules and lists are taken without a restart. */
    @Test
    void liveRulesAndIndicatorsAlertAndReloadWhenEdited() throws Exception {
        Path dir = Files.createTempDirectory("telltale-rules"); // readable by nobody, who reloads them
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        Path rules = dir.resolve("site.rules");
        Files.writeString(rules, "alert http any any -> any any (msg:\"wiki fetch\"; http.host; content:\"wikipedia.org\"; "
                + "endswith; sid:9000001;)\n");
        Path list = dir.resolve("watch.txt");
        Files.writeString(list, "# name: watch\n# severity: high\n192.0.2.99\n");
        for (Path f : List.of(rules, list)) {
            f.toFile().setReadable(true, false);
        }
        Path out = dir.resolve("out");
        StringBuilder output = new StringBuilder();
        Process p = start(out, "--rules", rules.toString(), "--indicators", list.toString());
        waitUntilCapturing(p, output).get(60, TimeUnit.SECONDS);
        lab.replay(ReferenceCorpus.load().capture("zeek__wikipedia.pcap").path(), "--topspeed");
        Thread.sleep(2_000);
        // a payload rule and the web server's address as an indicator: both must be in force for the next replay
        Files.writeString(rules, Files.readString(rules) + "alert tcp any any -> any 80 (msg:\"root fetched\"; flow:to_server; "
                + "content:\"GET / HTTP/1.1\"; startswith; sid:9000002;)\n");
        Files.writeString(list, "# name: watch\n# severity: high\n10.180.156.249\n");
        Thread.sleep(4_000);
        lab.replay(ReferenceCorpus.load().capture("arkime__http-simple-get.pcap").path(), "--topspeed");
        Thread.sleep(2_000);
        p.toHandle().destroy();
        awaitEnd(p);
        String said = output.toString();
        assertThat(said).contains("telltale capture: rules: 1 loaded, 0 skipped, 0 errors")
                .contains("ALERT low      signature          141.142.220.118 -> 208.80.152.2 [US AS14907]  wiki fetch")
                .contains("rules: reloaded, 2 loaded, 0 skipped, 0 errors")
                .contains("indicators: reloaded, 1 in 1 lists")
                .contains("ALERT low      signature          10.180.156.141 -> 10.180.156.249  root fetched")
                .contains("ALERT high     ioc-match          10.180.156.141 -> 10.180.156.249");
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    void sigtermEndsTheCaptureWithEveryFlowWritten(@TempDir Path dir) throws Exception {
        Path pcap = ReferenceCorpus.load().capture("zeek__wikipedia.pcap").path();
        StringBuilder output = new StringBuilder();
        Process p = start(dir.resolve("live"));
        waitUntilCapturing(p, output).get(60, TimeUnit.SECONDS);
        lab.replay(pcap, "--topspeed");
        Thread.sleep(1_500);
        p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
        awaitEnd(p);
        assertThat(output.toString()).contains("captured 136 packets");
        assertThat(flows(dir.resolve("live").resolve("conn.log"))).isEqualTo(offline(pcap, dir.resolve("offline")));
    }

    /**
     * The data directory's disk fills up while the capture runs (a 2 MiB tmpfs, mounted for the test,
     * holding the logs too, as {@code telltale run} puts them): the packet store, the index and the log
     * files say so, each with an alert; capture and detection go on; when space returns (the tmpfs
     * grown) all three write again by themselves, and each says for how long it could not.
     */
    @Test
    void aFullDataDiskIsAlertedAndWritingResumesWhenSpaceReturns(@TempDir Path dir) throws Exception {
        dir.toFile().setExecutable(true, false); // nobody must reach the data directory it is given
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        assumeTrue(Tmpfs.mount(data, "2m"), "mount -t tmpfs");
        try {
            Path pcap = Path.of("../examples/screening-day.pcap");
            StringBuilder output = new StringBuilder();
            Process p = start(data.resolve("logs"), "--data-dir", data.toString());
            waitUntilCapturing(p, output).get(60, TimeUnit.SECONDS);
            lab.replay(pcap, "--topspeed");
            Thread.sleep(2_500); // a health report or two
            synchronized (output) {
                assertThat(output.toString()).contains("packet store: writing failed (No space left on device)");
            }
            assertThat(Tmpfs.grow(data, "256m")).isTrue();
            lab.replay(pcap, "--topspeed");
            Thread.sleep(2_500);
            p.toHandle().destroy();
            awaitEnd(p);
            assertThat(output.toString()).contains("packet store: writing works again;").contains("index: writing works again")
                    .contains("logs: writing failed (No space left on device)").containsPattern("logs: writing works again; [\\d,]+ records");
            List<String> titles = output.toString().lines().filter(l -> l.startsWith("ALERT ") && l.contains(" capture-gap "))
                    .map(l -> l.substring(l.indexOf(" capture-gap ") + 20)) // the category is padded to 18
                    .map(rest -> rest.substring(rest.indexOf("  ") + 2)).toList(); // after the subject, two spaces, the title
            assertThat(titles).as(output.toString()).contains("The packet store cannot write: packets are not stored",
                    "The flow index cannot write: flows are not indexed", "The log files cannot write: log records are not written")
                    .anyMatch(t -> t.matches("The packet store could not write for \\d+\\.\\d s"))
                    .anyMatch(t -> t.matches("The flow index could not write for \\d+\\.\\d s"))
                    .anyMatch(t -> t.matches("The log files could not write for \\d+\\.\\d s"));
            assertThat(output.toString()).containsPattern("captured [0-9,]{6,} packets"); // the capture went on: both replays
            output.toString().lines().filter(l -> l.startsWith("packet store:") || l.startsWith("index:") || l.startsWith("logs:")
                    || l.startsWith("captured") || l.contains("could not write")).forEach(System.out::println);
        } finally {
            Tmpfs.unmount(data);
        }
    }

    /**
     * A ring too small for the traffic (two 4 KiB blocks) drops frames in the kernel: the health line
     * says so, and the loss is a capture-gap alert when it begins and one with its total when it ends.
     */
    @Test
    void framesTheKernelDropsAreAlertedAsAGap(@TempDir Path dir) throws Exception {
        StringBuilder output = new StringBuilder();
        Process p = start(dir.resolve("out"), "--ring-block-kib", "4", "--ring-blocks", "2", "--ring-retire-ms", "10");
        waitUntilCapturing(p, output).get(60, TimeUnit.SECONDS);
        lab.replay(Path.of("../examples/screening-day.pcap"), "--topspeed");
        Thread.sleep(3_500); // a report with drops, then one without
        p.toHandle().destroy();
        awaitEnd(p);
        String said = output.toString();
        assertThat(said).contains("capture-gap: ").containsPattern("ALERT medium   capture-gap        capture interface vcap  "
                + "Capture gap on vcap: [\\d,]+ frames lost\n");
        assertThat(said).containsPattern("Capture gap on vcap: [\\d,]+ frames lost over \\d+\\.\\d s");
        said.lines().filter(l -> l.startsWith("captured ") || l.contains("frames lost over")).forEach(System.out::println);
        List<String> alerts = Files.readAllLines(dir.resolve("out").resolve("alerts.jsonl"));
        assertThat(alerts).hasSize(2).allSatisfy(a -> assertThat(a).contains("\"category\":\"capture-gap\""));
    }
}
