package io.telltale.dashboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.analysis.index.SearchPage;
import io.telltale.analysis.index.SearchRequest;
import io.telltale.analysis.index.query.TimeValues;
import io.telltale.dashboard.auth.Role;
import io.telltale.dashboard.auth.UserStore;
import io.telltale.dashboard.output.EvidenceBundle;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of the dashboard's API: login and logout, who am I, alerts with their triage, series
 * (beacon, DNS tunnel), packets and evidence bundle, flow search with facets and a histogram, a flow's
 * documents, a query's packets, the fields a query may name, devices (AlertSeries, DeviceViews), the
 * policy and accepting into it, the users (admin), health, the OpenAPI document, the event stream, the
 * Prometheus metrics and the pages. Searches, exports, triage and policy changes are audited. Every
 * answer is JSON written by Jackson, so strings from the wire stay strings.
 */
final class DashboardApi {

    private final IndexLayout layout;
    private final LuceneFlowSearch search;
    private final UserStore users;
    private final Sessions sessions;
    private final LoginLimiter limiter;
    private final AuditLog audit;
    private final PrometheusMeterRegistry metrics;
    private final StaticAssets assets;
    private final Clock clock;
    private final long startedMillis;
    private final java.nio.file.Path dataDir;
    private final TriageLog triageLog;
    private final PolicyActions policyActions;
    private final DeviceViews devices;
    private final AlertSeries series;
    private final List<Map<String, Object>> fieldList;
    private List<Route> routes;

    DashboardApi(IndexLayout layout, LuceneFlowSearch search, UserStore users, Sessions sessions, LoginLimiter limiter, AuditLog audit,
                 PrometheusMeterRegistry metrics, Clock clock, PolicyActions policyActions) {
        this.layout = layout;
        this.search = search;
        this.users = users;
        this.sessions = sessions;
        this.limiter = limiter;
        this.audit = audit;
        this.metrics = metrics;
        this.assets = new StaticAssets();
        this.clock = clock;
        this.startedMillis = clock.millis();
        this.dataDir = layout.dataDirectory();
        this.triageLog = new TriageLog(dataDir.resolve("triage.jsonl"), clock);
        this.policyActions = policyActions;
        this.devices = new DeviceViews(search, () -> policyActions == null ? null : policyActions.current());
        this.series = new AlertSeries(search);
        this.fieldList = QueryFields.of(IndexSchema.standard());
    }

    List<Route> routes() {
        if (routes == null) {
            List<Route> r = new ArrayList<>(List.of(
                    new Route("POST", "/api/login", null, "log in with {name, password}: sets the session cookie, returns the CSRF token",
                            this::login),
                    new Route("POST", "/api/logout", Role.VIEWER, "end this session", this::logout),
                    new Route("GET", "/api/me", Role.VIEWER, "who is logged in, with which role", this::me),
                    new Route("GET", "/api/health", Role.VIEWER,
                            "the index's days and flows, alerts, uptime, the live capture's figures, stores that cannot write",
                            this::health),
                    new Route("GET", "/api/alerts", Role.VIEWER, "newest alerts first", this::alerts)
                            .query("severity", "only this severity: info, low, medium, high or critical", "category",
                                    "only this category (DESIGN §6's vocabulary)", "limit", "at most this many, 1-10000 (100)"),
                    new Route("GET", "/api/alerts/{id}", Role.VIEWER, "one alert", this::alert),
                    new Route("GET", "/api/search", Role.VIEWER,
                            "flows matching a query, a page at a time, with facet counts and a time histogram", this::search)
                            .query("q", "the query (Lucene syntax over the catalog's fields and aliases; /api/fields lists them)",
                                    "since", "flows ending at or after: an ISO time or an age such as 7d", "until",
                                    "flows starting at or before: an ISO time or an age", "order", "newest (default) or oldest first",
                                    "limit", "hits per page, 0-10000 (100)", "after", "the next cursor of the page before",
                                    "fields", "comma-separated fields each hit carries (all)", "facets",
                                    "comma-separated fields whose top values are counted", "facet_size", "values per facet (10)",
                                    "histogram", "the most buckets of the time histogram (0: none)"),
                    new Route("GET", "/api/flows/{uid}", Role.VIEWER, "a flow's documents (one per interim record)", this::flow),
                    new Route("GET", "/api/flows/{uid}/pcap", Role.ANALYST, "the flow's packets as a pcap (an export: audited)",
                            this::flowPcap),
                    new Route("GET", "/api/alerts/{id}/pcap", Role.ANALYST, "the packets of an alert's evidence flows as a pcap "
                            + "(an export: audited)", this::alertPcap),
                    new Route("GET", "/api/pcap", Role.ANALYST, "the packets of every flow a query matches, in time order, as a "
                            + "pcap (an export: audited)", this::queryPcap)
                            .query("q", "the query, as for /api/search", "since", "flows ending at or after this time",
                                    "until", "flows starting at or before this time"),
                    new Route("GET", "/api/alerts/{id}/evidence", Role.ANALYST, "the evidence bundle of an alert as a zip: pcap, "
                            + "flow records, the alert, the store manifest's lines and SHA256SUMS (an export: audited)", this::alertEvidence),
                    new Route("GET", "/api/alerts/{id}/series", Role.VIEWER, "what stands behind a beacon (every connection, the "
                            + "interval histogram) or a DNS tunnel (the subdomains asked); kind none for other alerts", this::alertSeries),
                    new Route("GET", "/api/fields", Role.VIEWER, "the fields and aliases a query may name, with their types",
                            this::fields),
                    new Route("POST", "/api/alerts/{id}/triage", Role.ANALYST,
                            "acknowledge an alert or mark it a false positive, with a comment: {status, comment}", this::triage),
                    new Route("GET", "/api/alerts/{id}/triage", Role.VIEWER, "what analysts said of an alert, oldest first",
                            this::triageOf),
                    new Route("GET", "/api/users", Role.ADMIN, "the users and their roles", this::users),
                    new Route("GET", "/api/devices", Role.VIEWER, "the devices the policy groups, with their flow counts", this::devices),
                    new Route("GET", "/api/devices/{address}", Role.VIEWER,
                            "one device: its groups, the peers it talked to (declared or not), its alerts", this::device),
                    new Route("GET", "/api/policy", Role.VIEWER, "the policy in force: its file and text", this::policy),
                    new Route("POST", "/api/alerts/{id}/accept", Role.ADMIN,
                            "accept an alert into the policy: its conversation becomes a declaration (a policy change: audited)",
                            this::accept),
                    new Route("GET", "/api/openapi.json", Role.VIEWER, "this API as OpenAPI 3.1", this::openApi),
                    new Route("GET", "/api/events", Role.VIEWER,
                            "server-sent events: each new alert as it is indexed ('alert'), the health every 5 s ('health')",
                            (req, who) -> Response.text(200, "text/event-stream", "").withHeader(EventStream.MARKER, "events")),
                    new Route("GET", "/metrics", Role.VIEWER, "Prometheus metrics", this::metrics)));
            for (String path : StaticAssets.PATHS.keySet()) {
                r.add(new Route("GET", path, null, "the dashboard's " + (path.equals("/") ? "page" : path),
                        (req, who) -> assets.get(path)));
            }
            routes = List.copyOf(r);
        }
        return routes;
    }

    private Response login(Request request, Route.Principal nobody) throws IOException {
        long wait = limiter.retryAfterSeconds(request.remoteAddress());
        if (wait > 0) {
            audit.record(null, request.remoteAddress(), "login-refused", "rate limited");
            return Response.error(429, "too many failed logins from this address; try again in " + wait + " s")
                    .withHeader("Retry-After", Long.toString(wait));
        }
        JsonNode body;
        try {
            body = Response.JSON.readTree(request.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body must be JSON: {\"name\": ..., \"password\": ...}");
        }
        if (body == null || !body.path("name").isTextual() || !body.path("password").isTextual()) {
            throw new IllegalArgumentException("the body must be JSON: {\"name\": ..., \"password\": ...}");
        }
        String name = body.get("name").asText();
        char[] password = body.get("password").asText().toCharArray();
        Optional<UserStore.User> user;
        try {
            user = users.authenticate(name, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        if (user.isEmpty()) {
            limiter.failed(request.remoteAddress());
            audit.record(name, request.remoteAddress(), "login-failed", null);
            return Response.error(401, "wrong name or password");
        }
        limiter.succeeded(request.remoteAddress());
        Map.Entry<String, Sessions.Session> session = sessions.open(name, user.get().roleValue());
        audit.record(name, request.remoteAddress(), "login", user.get().role());
        return Response.ok(Map.of("name", name, "role", user.get().role(), "csrf", session.getValue().csrf()))
                .withHeader("Set-Cookie", Sessions.cookie(session.getKey()));
    }

    private Response logout(Request request, Route.Principal who) {
        sessions.close(request.cookie(Sessions.COOKIE));
        audit.record(who.name(), request.remoteAddress(), "logout", null);
        return Response.ok(Map.of("logged_out", who.name())).withHeader("Set-Cookie", Sessions.expiredCookie());
    }

    private Response me(Request request, Route.Principal who) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("name", who.name());
        me.put("role", who.role().text());
        if (who.bySession()) {
            me.put("csrf", who.csrf());
        }
        return Response.ok(me);
    }

    private Response health(Request request, Route.Principal who) throws IOException {
        return Response.ok(health());
    }

    /** The index's days, the alert count, the uptime, the live pipeline's figures, and any store that cannot write. */
    Map<String, Object> health() throws IOException {
        search.refresh();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("index_days", layout.partitions().stream().map(Object::toString).toList());
        h.put("alerts", search.alertCount(null));
        h.put("uptime_seconds", (clock.millis() - startedMillis) / 1000);
        // the live pipeline's figures, from the meters it registers (absent when reading a file)
        Map<String, Object> capture = new LinkedHashMap<>();
        capture.put("packets", sum("telltale.capture.packets"));
        capture.put("bytes", sum("telltale.capture.bytes"));
        capture.put("kernel_drops", sum("telltale.capture.kernel.drops"));
        capture.put("interface_drops", sum("telltale.capture.interface.drops"));
        capture.put("shed", sum("telltale.pipeline.shed"));
        capture.put("flows_active", sum("telltale.flows.active"));
        h.put("capture", capture);
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("flows", sum("telltale.index.flows"));
        index.put("queue", sum("telltale.index.queue"));
        index.put("lag_seconds", sum("telltale.index.lag"));
        index.put("size_bytes", sum("telltale.index.size"));
        h.put("index", index);
        // what cannot be written now (a full disk): the stores say so on their meters, and the strip shows it in red
        List<String> failing = new java.util.ArrayList<>();
        for (String[] store : new String[][] {{"telltale.index.failing", "index"}, {"telltale.store.failing", "packet store"},
                {"telltale.logs.failing", "log files"}}) {
            if (sum(store[0]) > 0) {
                failing.add(store[1]);
            }
        }
        h.put("not_writing", failing);
        h.put("siem_waiting", sum("telltale.siem.queue.events") + sum("telltale.siem.queue.held"));
        return h;
    }

    /** The sum of every meter of that name (counters, function counters, gauges). */
    private double sum(String name) {
        double total = 0;
        for (io.micrometer.core.instrument.Meter m : metrics.find(name).meters()) {
            for (io.micrometer.core.instrument.Measurement measure : m.measure()) {
                total += measure.getValue();
            }
        }
        return total;
    }

    /** The newest alerts, for the event stream to tell which are new. */
    List<Map<String, Object>> newestAlerts(int limit) throws IOException {
        search.refresh();
        return search.alerts(null, null, limit);
    }

    private Response alerts(Request request, Route.Principal who) throws IOException {
        int limit = number(request.parameter("limit", "100"), "limit", 1, 10_000);
        String severity = request.parameter("severity", null);
        if (severity != null && !List.of("info", "low", "medium", "high", "critical").contains(severity)) {
            throw new IllegalArgumentException("severity is info, low, medium, high or critical, not \"" + severity + "\"");
        }
        search.refresh();
        return Response.ok(Map.of("alerts", search.alerts(severity, request.parameter("category", null), limit)));
    }

    private Response alert(Request request, Route.Principal who) throws IOException {
        search.refresh();
        List<Map<String, Object>> found = search.alert(request.pathParameter("id"));
        return found.isEmpty() ? Response.error(404, "no alert " + request.pathParameter("id")) : Response.ok(found.getLast());
    }

    private Response search(Request request, Route.Principal who) throws Exception {
        String q = request.parameter("q", "");
        String order = request.parameter("order", "newest");
        if (!order.equals("newest") && !order.equals("oldest")) {
            throw new IllegalArgumentException("order is newest or oldest, not \"" + order + "\"");
        }
        SearchRequest r = new SearchRequest(q, time(request.parameter("since", null), "since", Long.MIN_VALUE),
                time(request.parameter("until", null), "until", Long.MAX_VALUE), order.equals("newest"),
                number(request.parameter("limit", "100"), "limit", 0, 10_000), request.parameter("after", null),
                list(request.parameter("fields", null)), list(request.parameter("facets", null)),
                number(request.parameter("facet_size", "10"), "facet_size", 1, 1000),
                number(request.parameter("histogram", "0"), "histogram", 0, 1000));
        search.refresh();
        SearchPage page = search.search(r);
        audit.record(who.name(), request.remoteAddress(), "search", q);
        return Response.ok(page);
    }

    private Response flow(Request request, Route.Principal who) throws IOException {
        search.refresh();
        List<SearchPage.FlowHit> hits = search.flow(request.pathParameter("uid"));
        return hits.isEmpty() ? Response.error(404, "no flow " + request.pathParameter("uid")) : Response.ok(Map.of("documents", hits));
    }

    private Response flowPcap(Request request, Route.Principal who) throws IOException {
        search.refresh();
        String uid = request.pathParameter("uid");
        List<SearchPage.FlowHit> hits = search.flow(uid);
        if (hits.isEmpty()) {
            return Response.error(404, "no flow " + uid);
        }
        return pcap(hits, "flow " + uid, uid, request, who);
    }

    private Response alertPcap(Request request, Route.Principal who) throws IOException {
        search.refresh();
        String id = request.pathParameter("id");
        if (search.alert(id).isEmpty()) {
            return Response.error(404, "no alert " + id);
        }
        return pcap(search.evidence(id), "alert " + id, id, request, who);
    }

    /** The most flows one query's pcap holds: more is a query to narrow, not a download to wait for. */
    static final int MAX_EXPORT_FLOWS = 10_000;
    /** The most bytes one download holds: an answer is made in memory (larger exports: telltale extract). */
    static final long MAX_EXPORT_BYTES = 256L << 20;

    private Response queryPcap(Request request, Route.Principal who) throws Exception {
        String q = request.parameter("q", "");
        SearchRequest r = new SearchRequest(q, time(request.parameter("since", null), "since", Long.MIN_VALUE),
                time(request.parameter("until", null), "until", Long.MAX_VALUE), false, MAX_EXPORT_FLOWS, null,
                List.of("ip.src"), List.of(), 10, 0);
        search.refresh();
        SearchPage page = search.search(r);
        if (page.total() > MAX_EXPORT_FLOWS) {
            throw new IllegalArgumentException(page.total() + " flows match; a pcap export holds at most " + MAX_EXPORT_FLOWS
                    + ": narrow the query or the time range");
        }
        if (page.hits().isEmpty()) {
            return Response.error(404, "no flow matches " + q);
        }
        return pcap(page.hits(), "query " + q + " (" + page.total() + " flows)", "query", request, who);
    }

    /** The evidence bundle: pcap, flow records, the alert, the store manifest's lines, and the hashes of all. */
    private Response alertEvidence(Request request, Route.Principal who) throws IOException {
        search.refresh();
        String id = request.pathParameter("id");
        List<Map<String, Object>> alerts = search.alert(id);
        if (alerts.isEmpty()) {
            return Response.error(404, "no alert " + id);
        }
        List<SearchPage.FlowHit> flows = search.evidence(id);
        java.nio.file.Path store = io.telltale.capture.store.PacketStore.directoryIn(dataDir);
        java.nio.file.Path pcap = java.nio.file.Files.createTempFile("telltale-evidence", ".pcap");
        java.nio.file.Path zip = java.nio.file.Files.createTempFile("telltale-evidence", ".zip");
        try {
            var done = new io.telltale.capture.store.PacketExtractor(store)
                    .extract(flows.stream().map(SearchPage.FlowHit::packets).toList(), pcap);
            if (java.nio.file.Files.size(pcap) > MAX_EXPORT_BYTES) {
                return Response.error(413, "the evidence of alert " + id + " is " + java.nio.file.Files.size(pcap) / (1 << 20)
                        + " MiB of packets; a download holds at most " + (MAX_EXPORT_BYTES >> 20) + " MiB: run telltale extract "
                        + "--alert " + id + " --evidence on the appliance");
            }
            new EvidenceBundle(store, "alert " + id).write(zip, pcap, flows, alerts, done);
            audit.record(who.name(), request.remoteAddress(), "export", "evidence of alert " + id + ": " + done.packets() + " packets");
            return Response.bytes(200, "application/zip", java.nio.file.Files.readAllBytes(zip))
                    .withHeader("Content-Disposition", "attachment; filename=\"" + id.replaceAll("[^A-Za-z0-9_.-]", "_") + "-evidence.zip\"");
        } finally {
            java.nio.file.Files.deleteIfExists(pcap);
            java.nio.file.Files.deleteIfExists(zip);
        }
    }

    private Response alertSeries(Request request, Route.Principal who) throws Exception {
        search.refresh();
        List<Map<String, Object>> alerts = search.alert(request.pathParameter("id"));
        if (alerts.isEmpty()) {
            return Response.error(404, "no alert " + request.pathParameter("id"));
        }
        return Response.ok(series.of(alerts.getLast()));
    }

    /** The catalog's fields and aliases, for the search box's completion. */
    private Response fields(Request request, Route.Principal who) {
        return Response.ok(Map.of("fields", fieldList));
    }

    /** The flows' stored packets in time order, as a pcap file to download. */
    private Response pcap(List<SearchPage.FlowHit> flows, String what, String name, Request request, Route.Principal who)
            throws IOException {
        List<byte[]> trails = flows.stream().map(SearchPage.FlowHit::packets).toList();
        if (trails.stream().allMatch(t -> t == null)) {
            return Response.error(404, what + " has no stored packets (read or captured without the packet store?)");
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("telltale-export", ".pcap");
        try {
            var done = new io.telltale.capture.store.PacketExtractor(io.telltale.capture.store.PacketStore.directoryIn(dataDir))
                    .extract(trails, file);
            if (java.nio.file.Files.size(file) > MAX_EXPORT_BYTES) {
                return Response.error(413, what + " is " + java.nio.file.Files.size(file) / (1 << 20) + " MiB of packets; a download "
                        + "holds at most " + (MAX_EXPORT_BYTES >> 20) + " MiB: narrow it, or run telltale extract on the appliance");
            }
            audit.record(who.name(), request.remoteAddress(), "export", what + ": " + done.packets() + " packets");
            return Response.bytes(200, "application/vnd.tcpdump.pcap", java.nio.file.Files.readAllBytes(file))
                    .withHeader("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".pcap\"");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    private Response triage(Request request, Route.Principal who) throws IOException {
        String id = request.pathParameter("id");
        JsonNode body;
        try {
            body = Response.JSON.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.path("status").isTextual()) {
            throw new IllegalArgumentException("the body must be JSON: {\"status\": \"acknowledged\"|\"false-positive\"|\"open\", "
                    + "\"comment\": \"...\"}");
        }
        String status = body.get("status").asText();
        if (!List.of("acknowledged", "false-positive", "open").contains(status)) {
            throw new IllegalArgumentException("status is acknowledged, false-positive or open, not \"" + status + "\"");
        }
        String comment = body.path("comment").asText("");
        if (comment.length() > 4000) {
            throw new IllegalArgumentException("a comment has at most 4000 characters");
        }
        search.refresh();
        if (search.alert(id).isEmpty()) {
            return Response.error(404, "no alert " + id);
        }
        Map<String, Object> entry = triageLog.add(id, who.name(), status, comment);
        audit.record(who.name(), request.remoteAddress(), "triage", id + " " + status);
        return Response.ok(entry);
    }

    private Response triageOf(Request request, Route.Principal who) throws IOException {
        return Response.ok(Map.of("triage", triageLog.of(request.pathParameter("id"))));
    }

    private Response policy(Request request, Route.Principal who) throws IOException {
        if (policyActions == null) {
            return Response.error(404, "this appliance runs without a policy");
        }
        return Response.ok(policyActions.policy());
    }

    private Response accept(Request request, Route.Principal who) throws IOException {
        if (policyActions == null) {
            return Response.error(404, "this appliance runs without a policy");
        }
        String id = request.pathParameter("id");
        if (!id.matches("TT-[0-9a-f]{16}")) {
            throw new IllegalArgumentException("an alert id is TT- and 16 hex digits, not \"" + id + "\"");
        }
        PolicyActions.Accepted done = policyActions.accept(id);
        audit.record(who.name(), request.remoteAddress(), "policy-change", "accepted " + id + (done.applied() ? "" : " (refused)"));
        return done.applied() ? Response.ok(done) : Response.json(409, done);
    }

    private Response devices(Request request, Route.Principal who) throws Exception {
        search.refresh();
        return Response.ok(Map.of("devices", devices.inventory()));
    }

    private Response device(Request request, Route.Principal who) throws Exception {
        search.refresh();
        return Response.ok(devices.device(request.pathParameter("address")));
    }

    private Response users(Request request, Route.Principal who) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (UserStore.User u : users.users()) {
            list.add(Map.of("name", u.name(), "role", u.role(), "created", u.created(), "tokens", u.tokens().size()));
        }
        return Response.ok(Map.of("users", list));
    }

    private Response openApi(Request request, Route.Principal who) {
        return Response.ok(OpenApi.document(routes()));
    }

    private Response metrics(Request request, Route.Principal who) {
        return Response.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
    }

    private long time(String text, String name, long none) {
        if (text == null || text.isBlank()) {
            return none;
        }
        try {
            if (text.matches("\\d+(\\.\\d+)?(s|m|h|d|w)")) {
                return clock.millis() * 1_000_000L - TimeValues.durationNanos(text);
            }
            return TimeValues.instantNanos(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    private static int number(String text, String name, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " is " + min + "-" + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is a whole number, not \"" + text + "\"");
        }
    }

    private static List<String> list(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.split(","));
    }
}
