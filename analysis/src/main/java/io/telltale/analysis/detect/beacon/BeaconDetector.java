package io.telltale.analysis.detect.beacon;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.detect.dns.RegistrableDomains;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.FlowRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Beacons per (device, remote address), per (device, TLS server name or HTTP host) and per (device,
 * registrable domain of that name) — a beacon that rotates through a CDN's addresses or a domain's
 * subdomains is one series by name — scored as RITA v5 does (peers.md §c.1) over the last hour
 * (a fast beacon that has just started; at least twelve connections), the last 24 hours of each pair's
 * connections and, so hourly and daily check-ins are found too, over the last 7 and 30 days; the best
 * window counts. Pairs the policy declares are not scored: a declared heartbeat (N2's
 * C-ECHO every 60 s) is the most regular thing on the network, and supposed to be. A beacon to an
 * undeclared Internet address is critical; elsewhere RITA's severity (threat ≥ 0.6 high, ≥ 0.4 medium).
 */
public final class BeaconDetector implements Detector {

    static final long[] WINDOWS_SECONDS = {3_600, 86_400, 7 * 86_400, 30 * 86_400};
    /** Connections the one-hour window needs (one every five minutes): fewer are a burst, not a timer. */
    static final int MIN_IN_HOUR = 12;
    static final int MAX_CONNECTIONS = 86_400;
    static final int MAX_PAIRS = 100_000;

    /**
     * The connections of one pair, as three growing primitive arrays (start seconds, originator IP
     * bytes, flow id): a busy network's hundred thousand pairs would otherwise be millions of small
     * objects for the collector to walk.
     */
    private static final class Series {
        long[] starts = new long[4];
        long[] sizes = new long[4];
        long[] flows = new long[4];
        int count;
        String transport;
        int port;
        boolean answered;
        String remote;
        String name;

        /** Appends a connection; returns its index. */
        int add(long startSeconds, long size, long flow) {
            if (count == starts.length) {
                int grown = Math.min(MAX_CONNECTIONS, count * 2);
                starts = java.util.Arrays.copyOf(starts, grown);
                sizes = java.util.Arrays.copyOf(sizes, grown);
                flows = java.util.Arrays.copyOf(flows, grown);
            }
            starts[count] = startSeconds;
            sizes[count] = size;
            flows[count] = flow;
            return count++;
        }

        /** The connections as {start, size, flow} triples, made only when a series is scored. */
        List<long[]> connections() {
            List<long[]> all = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                all.add(new long[] {starts[i], sizes[i], flows[i]});
            }
            return all;
        }
    }

    private final Policy policy;
    private final Map<String, Series> pairs = new HashMap<>();
    /** Connections seen by name before their flow ended: the flow gives the size and whether it was answered. */
    private final Map<Long, List<int[]>> awaitingFlow = new HashMap<>();
    private final Map<Long, List<Series>> awaitingSeries = new HashMap<>();
    static final int MAX_AWAITING = 200_000;

    public BeaconDetector(Policy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "beacon";
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        if (f.interim() || Addresses.onLink(f.responderHost())) {
            return;
        }
        String device = f.originatorHost();
        if (!policy.groups().isEmpty() && policy.groupsOf(device).isEmpty()) {
            return;
        }
        String transport = f.transport().startsWith("icmp") ? "icmp" : f.transport();
        if (policy.declared(device, f.responderHost(), transport, f.responderPort(), null, f.startNanos())) {
            return;
        }
        String key = device + "|" + f.responderHost();
        Series s = pairs.get(key);
        if (s == null) {
            if (pairs.size() >= MAX_PAIRS) {
                return;
            }
            s = new Series();
            s.transport = transport;
            s.port = f.responderPort();
            pairs.put(key, s);
        }
        boolean answered = f.responderPackets() > 0 && !f.connState().equals("REJ");
        s.answered |= answered;
        s.remote = f.responderHost();
        if (s.count < MAX_CONNECTIONS) {
            s.add(Math.floorDiv(f.startNanos(), 1_000_000_000L), f.originatorIpBytes(), f.id());
        }
        List<int[]> byName = awaitingFlow.remove(f.id());
        List<Series> named = awaitingSeries.remove(f.id());
        if (byName != null) {
            for (int i = 0; i < byName.size(); i++) {
                named.get(i).sizes[byName.get(i)[0]] = f.originatorIpBytes();
                named.get(i).answered |= answered;
            }
        }
    }

    /** A TLS server name or an HTTP host: the connection joins the series of that name and of its domain. */
    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        String name = switch (record) {
            case TlsRecord t -> t.serverName();
            case HttpRecord h -> h.depth() <= 1 ? h.host() : null;
            default -> null;
        };
        if (name == null || name.isEmpty() || Addresses.onLink(record.responderHost())) {
            return;
        }
        String device = record.originatorHost();
        if ((!policy.groups().isEmpty() && policy.groupsOf(device).isEmpty())
                || policy.declared(device, record.responderHost(), "tcp", record.responderPort(), null, record.timestampNanos())) {
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String domain = RegistrableDomains.of(lower);
        addByName(device + "|name:" + lower, lower, record);
        if (domain != null && !domain.equals(lower)) {
            addByName(device + "|domain:" + domain, "*." + domain, record);
        }
    }

    private void addByName(String key, String name, ProtocolRecord record) {
        Series s = pairs.get(key);
        if (s == null) {
            if (pairs.size() >= MAX_PAIRS) {
                return;
            }
            s = new Series();
            s.transport = "tcp";
            s.port = record.responderPort();
            s.name = name;
            pairs.put(key, s);
        }
        s.remote = record.responderHost();
        if (s.count < MAX_CONNECTIONS && awaitingFlow.size() < MAX_AWAITING) {
            int index = s.add(Math.floorDiv(record.timestampNanos(), 1_000_000_000L), 0, record.flowId());
            awaitingFlow.computeIfAbsent(record.flowId(), id -> new ArrayList<>(2)).add(new int[] {index});
            awaitingSeries.computeIfAbsent(record.flowId(), id -> new ArrayList<>(2)).add(s);
        }
    }

    @Override
    public void onEnd(long nowNanos, Consumer<Finding> out) {
        List<Finding> found = new ArrayList<>();
        score(found::add);
        // by address first: when the address and the name beacon alike, the alert keeps the address's plain title
        found.sort(java.util.Comparator.comparing((Finding f) -> f.remoteName() != null).thenComparing(Finding::deviceAddress)
                .thenComparing(f -> f.remoteAddress() == null ? "" : f.remoteAddress()));
        // a domain that beacons says it all: its names' own (slower) series are parts of it
        List<String> domains = found.stream().filter(f -> f.remoteName() != null && f.remoteName().startsWith("*."))
                .map(f -> f.deviceAddress() + "|" + f.remoteName().substring(1)).toList();
        for (Finding f : found) {
            boolean part = f.remoteName() != null && !f.remoteName().startsWith("*.")
                    && domains.stream().anyMatch(d -> d.startsWith(f.deviceAddress() + "|")
                    && f.remoteName().endsWith(d.substring(d.indexOf('|') + 1)));
            if (!part) {
                out.accept(f);
            }
        }
    }

    /** The median of the positive gaps between sorted start times (seconds), 0 for fewer than two. */
    static double medianGap(long[] times) {
        long[] sorted = times.clone();
        java.util.Arrays.sort(sorted);
        long[] gaps = new long[Math.max(0, sorted.length - 1)];
        int n = 0;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] > sorted[i - 1]) {
                gaps[n++] = sorted[i] - sorted[i - 1];
            }
        }
        if (n == 0) {
            return 0;
        }
        java.util.Arrays.sort(gaps, 0, n);
        return n % 2 == 1 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2.0;
    }

    private void score(Consumer<Finding> out) {
        pairs.forEach((key, s) -> {
            if (s.count < RitaBeaconScore.MIN_UNIQUE_TIMESTAMPS) {
                return; // too few to be a series: most pairs of a busy network, skipped without a stream
            }
            List<long[]> connections = s.connections();
            long last = connections.stream().mapToLong(c -> c[0]).max().orElse(0);
            long first = connections.stream().mapToLong(c -> c[0]).min().orElse(0);
            RitaBeaconScore.Score score = null;
            List<long[]> window = List.of();
            long start = 0;
            long[] ts = new long[0];
            for (long length : WINDOWS_SECONDS) {
                long from = Math.max(first, last - length);
                List<long[]> in = connections.stream().filter(c -> c[0] >= from).toList();
                if (length == 3_600 && in.size() < MIN_IN_HOUR) {
                    continue;
                }
                long[] times = in.stream().mapToLong(c -> c[0]).toArray();
                // RITA's 24 hour bins for a day; 5-minute bins for the last hour; a bin a day for longer
                int bins = length == 3_600 ? 12 : length <= 86_400 ? 24 : (int) (length / 86_400);
                RitaBeaconScore.Score candidate = RitaBeaconScore.score(times, in.stream().mapToLong(c -> c[1]).toArray(), from, last,
                        bins);
                if (candidate != null && (score == null || candidate.beacon() > score.beacon())) {
                    score = candidate;
                    window = in;
                    start = from;
                    ts = times;
                }
                if (first >= last - length) {
                    break; // the whole series is inside this window: longer ones see the same
                }
            }
            if (score == null || score.threat() < 0.4) {
                return;
            }
            String device = key.substring(0, key.indexOf('|'));
            String remote = s.remote;
            String shown = s.name == null ? remote : s.name;
            boolean internet = Addresses.internet(remote);
            // attempts nobody ever answered (a firewall drops them) are a misconfigured device, not a live channel
            Severity severity = !s.answered ? Severity.LOW : internet ? Severity.CRITICAL
                    : score.threat() >= 0.6 ? Severity.HIGH : Severity.MEDIUM;
            double meanGap = medianGap(ts); // the typical interval: a day of irregular use before a timer must not hide it
            String why = String.format(Locale.ROOT, "%s connected to %s (%s/%d) %d times in %.1f hours, every %.0f s on "
                    + "the median, with near-constant sizes: beacon score %.3f (timestamps %.3f, sizes %.3f, histogram %.3f, "
                    + "duration %.3f; RITA v5), threat %.2f. Software that checks in on a timer; the policy declares no such "
                    + "peer.%s", device, s.name == null ? remote : s.name + " (last at " + remote + ")", s.transport, s.port, ts.length, (last - start) / 3600.0, meanGap, score.beacon(),
                    score.timestamps(), score.dataSizes(), score.histogram(), score.duration(), score.threat(),
                    s.answered ? "" : " Nothing ever answered: the attempts are blocked.");
            List<Long> flows = window.stream().limit(20).map(c -> c[2]).toList();
            out.accept(new Finding(window.getFirst()[0] * 1_000_000_000L, Category.BEACONING, severity,
                    String.format(Locale.ROOT, "Beacon every %.0f s to %s", meanGap, shown), why, device, remote, s.name,
                    List.of("T1071", "T1573"), flows, score.beacon()));
        });
    }
}
