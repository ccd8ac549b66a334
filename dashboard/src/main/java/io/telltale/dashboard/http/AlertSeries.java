package io.telltale.dashboard.http;

import io.telltale.analysis.index.FlowSearch;
import io.telltale.analysis.index.SearchPage;
import io.telltale.analysis.index.SearchRequest;
import io.telltale.analysis.index.query.QueryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an analyst needs to judge a beacon or a DNS tunnel, read back from the flow index rather than
 * from the alert: an alert names at most twenty evidence flows, while the verdict rests on the whole
 * series. A beacon gets every connection of the device to that remote end (its start times and sizes,
 * a timeline) and the gaps between them as a histogram — a tight peak is a timer, a spread is a person.
 * A DNS tunnel gets the names the device asked under the domain, each once with how often and when
 * first, so the machine-made labels are there to read.
 */
final class AlertSeries {

    /** At most this many flows are read for one series: weeks of a 5-minute beacon. */
    static final int MAX_FLOWS = 20_000;
    /** The most subdomains listed (a tunnel asks thousands; the count says how many there were). */
    static final int MAX_SUBDOMAINS = 2_000;
    /** The interval histogram's most bars. */
    static final int BARS = 40;

    private final FlowSearch search;

    AlertSeries(FlowSearch search) {
        this.search = search;
    }

    /** The series behind the alert ({@code kind} beacon or dns-tunnel), or {@code kind: none} for other categories. */
    Map<String, Object> of(Map<String, Object> alert) throws IOException, QueryException {
        String device = (String) alert.get("deviceAddress");
        Object category = alert.get("category");
        if (device != null && "beaconing".equals(category)) {
            return beacon(device, (String) alert.get("remoteAddress"), (String) alert.get("remoteName"));
        }
        if (device != null && "dns-tunnel".equals(category) && alert.get("remoteName") instanceof String domain) {
            return tunnel(device, domain);
        }
        return Map.of("kind", "none");
    }

    private Map<String, Object> beacon(String device, String remoteAddress, String remoteName) throws IOException, QueryException {
        // the detector keys a series by the remote address, or by the name (a "*." name: every name under it)
        String remote = remoteName != null ? nameTerm(remoteName) : "ip.dst:" + quoted(remoteAddress);
        String query = "ip.src:" + quoted(device) + " AND " + remote;
        List<SearchPage.FlowHit> hits = firstRecords(query, List.of("bytes.out", "bytes.in"));
        long[] starts = new long[hits.size()];
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            SearchPage.FlowHit hit = hits.get(i);
            starts[i] = hit.startNanos();
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("start_nanos", hit.startNanos());
            point.put("uid", hit.uid());
            point.put("bytes_out", number(hit.fields().get("bytes.out")));
            point.put("bytes_in", number(hit.fields().get("bytes.in")));
            timeline.add(point);
        }
        double[] gaps = new double[Math.max(0, starts.length - 1)];
        for (int i = 1; i < starts.length; i++) {
            gaps[i - 1] = (starts[i] - starts[i - 1]) / 1e9;
        }
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("kind", "beacon");
        series.put("query", query);
        series.put("connections", hits.size());
        series.put("truncated", hits.size() == MAX_FLOWS);
        series.put("median_interval_seconds", median(gaps));
        series.put("intervals", histogram(gaps));
        series.put("timeline", timeline);
        return series;
    }

    private Map<String, Object> tunnel(String device, String domain) throws IOException, QueryException {
        String query = "ip.src:" + quoted(device) + " AND dns.query:" + suffix(domain);
        List<SearchPage.FlowHit> hits = firstRecords(query, List.of("dns.query"));
        String tail = "." + domain.toLowerCase(java.util.Locale.ROOT);
        Map<String, long[]> names = new LinkedHashMap<>(); // name -> {count, first seen}
        java.util.Set<String> unlisted = new java.util.HashSet<>();
        for (SearchPage.FlowHit hit : hits) {
            for (Object value : values(hit.fields().get("dns.query"))) {
                String name = String.valueOf(value);
                if (name.toLowerCase(java.util.Locale.ROOT).endsWith(tail)) {
                    long[] seen = names.get(name);
                    if (seen == null && names.size() < MAX_SUBDOMAINS) {
                        seen = new long[] {0, hit.startNanos()};
                        names.put(name, seen);
                    }
                    if (seen != null) {
                        seen[0]++;
                    } else {
                        unlisted.add(name);
                    }
                }
            }
        }
        List<Map<String, Object>> subdomains = new ArrayList<>();
        names.forEach((name, seen) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", name);
            s.put("label", name.substring(0, name.length() - tail.length()));
            s.put("count", seen[0]);
            s.put("first_nanos", seen[1]);
            subdomains.add(s);
        });
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("kind", "dns-tunnel");
        series.put("query", query);
        series.put("domain", domain);
        series.put("flows", hits.size());
        series.put("unique_subdomains", subdomains.size() + unlisted.size());
        series.put("truncated", !unlisted.isEmpty());
        series.put("subdomains", subdomains);
        return series;
    }

    /** The first record of each matching flow (interim records repeat the flow), oldest first. */
    private List<SearchPage.FlowHit> firstRecords(String query, List<String> fields) throws IOException, QueryException {
        SearchPage page = search.search(new SearchRequest(query, Long.MIN_VALUE, Long.MAX_VALUE, false, MAX_FLOWS, null, fields,
                List.of(), 10, 0));
        return page.hits().stream().filter(h -> h.sequence() == 0).toList();
    }

    /** Equal-width bars over the gaps (at least a second wide), each with its lower edge and count. */
    static List<Map<String, Object>> histogram(double[] gaps) {
        if (gaps.length == 0) {
            return List.of();
        }
        double min = Arrays.stream(gaps).min().orElseThrow();
        double max = Arrays.stream(gaps).max().orElseThrow();
        double width = Math.max(1, Math.ceil((max - min) / BARS));
        TreeMap<Long, Long> bars = new TreeMap<>();
        for (double gap : gaps) {
            bars.merge((long) Math.floor((gap - min) / width), 1L, Long::sum);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        bars.forEach((bar, count) -> out.add(Map.of("from_seconds", Math.floor(min) + bar * width, "width_seconds", width,
                "count", count)));
        return out;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String nameTerm(String name) {
        return name.startsWith("*.") ? "host:" + suffix(name.substring(2)) : "host:" + quoted(name);
    }

    /** A term in quotes, the query language's escapes applied: a hostile name stays one value. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Every name under the domain, as a wildcard; characters the query language reads are escaped. */
    static String suffix(String domain) {
        StringBuilder out = new StringBuilder("*.");
        for (char c : domain.toCharArray()) {
            if (!Character.isLetterOrDigit(c) && c != '.' && c != '-' && c != '_') {
                out.append('\\');
            }
            out.append(c == '*' || c == '?' ? '_' : c);
        }
        return out.toString();
    }

    private static List<?> values(Object value) {
        return value == null ? List.of() : value instanceof List<?> list ? list : List.of(value);
    }

    private static long number(Object value) {
        Object one = value instanceof List<?> list ? (list.isEmpty() ? null : list.getFirst()) : value;
        return one instanceof Number n ? n.longValue() : 0;
    }
}
