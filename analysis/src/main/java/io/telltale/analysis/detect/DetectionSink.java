package io.telltale.analysis.detect;

import io.telltale.analysis.asset.AssetInventory;
import io.telltale.analysis.asset.OuiRegistry;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.AlertConnection;
import io.telltale.analysis.geo.GeoDatabase;
import io.telltale.analysis.event.AssetChange;
import com.google.common.net.InetAddresses;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.policy.Policy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Passes every event on, shows it to the detectors, and turns their findings into alerts: one alert
 * per (detector, category, device, remote end), with an id derived from exactly that, so the same
 * finding again is counted, not repeated; and at most {@link #MAX_PER_DEVICE} distinct alerts per
 * (detector, category, device), the rest counted as suppressed (a scanning device would otherwise
 * bury the console under one alert per address). Alerts go to the same downstream sink as
 * everything else.
 */
public final class DetectionSink implements EventSink {

    private final EventSink downstream;
    private final List<Detector> detectors;
    private final Policy policy;
    private final AssetInventory inventory;
    private final GeoDatabase geo = GeoDatabase.bundled();
    public static final int MAX_PER_DEVICE = 100;
    static final int MAX_KEYS = 1_000_000;

    /**
     * What has been raised, by a 64-bit hash of (detector, category, device, remote): a finding is
     * checked for every flow that shows it, so the key is hashed from its parts, never built as a
     * string, and the alerts themselves are not kept (they went downstream).
     */
    private final LongSet raised = new LongSet();
    private final Map<Long, int[]> perDevice = new java.util.HashMap<>();
    /** Alerts by device (address and groups) and severity, for the summary. */
    private final Map<String, int[]> bySeverity = new LinkedHashMap<>();
    private long alerts;
    private long repeats;
    private long suppressed;
    private Detector current;
    /** The event the detectors are looking at, so an alert raised on it can name its 5-tuple. */
    private MonitorEvent looking;

    /** Severities as the summary orders them. */
    public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");

    public DetectionSink(EventSink downstream, List<Detector> detectors, Policy policy) {
        this.downstream = downstream;
        this.detectors = List.copyOf(detectors);
        this.policy = policy;
        this.inventory = null;
    }

    /**
     * With an asset inventory, which sees each event first (so a device's MAC, maker and host name
     * place it in its groups before the detectors ask) and whose {@link AssetChange}s go downstream.
     */
    public DetectionSink(EventSink downstream, List<Detector> detectors, Policy policy, OuiRegistry oui) {
        this.downstream = downstream;
        this.detectors = List.copyOf(detectors);
        this.policy = policy;
        this.inventory = new AssetInventory(policy, oui, downstream::accept);
    }

    /** The inventory, or null when this sink keeps none. */
    public AssetInventory inventory() {
        return inventory;
    }

    @Override
    public void accept(MonitorEvent event) {
        if (inventory != null) {
            inventory.accept(event);
        }
        downstream.accept(event);
        looking = event;
        switch (event) {
            case FlowEvent(var record) -> {
                for (Detector d : detectors) {
                    current = d;
                    d.onFlow(record, findings);
                }
            }
            case ProtocolRecord record -> {
                if (record instanceof DnsRecord dns && dns.query() != null) {
                    // declarations may name their peer by DNS name: the answers say which addresses it has
                    for (String answer : dns.answers()) {
                        if (InetAddresses.isInetAddress(answer)) {
                            policy.resolved(answer, dns.query());
                        }
                    }
                }
                for (Detector d : detectors) {
                    current = d;
                    d.onRecord(record, findings);
                }
            }
            case Alert alert -> {
                // alerts are ours; nothing to detect in them
            }
            case AssetChange change -> {
                // the inventory's own news
            }
        }
    }

    @Override
    public void endOfBatch() {
        downstream.endOfBatch();
    }

    /** The input ended: detectors that judge whole series (beacons) speak now. */
    public void finish(long nowNanos) {
        looking = null;
        for (Detector d : detectors) {
            current = d;
            d.onEnd(nowNanos, findings);
        }
    }

    /** The detectors' view of this sink: findings in, "raised already?" answered. */
    private final Findings findings = new Findings() {
        @Override
        public void accept(Finding f) {
            raise(f);
        }

        @Override
        public boolean raised(Category category, String deviceAddress, String remoteAddress) {
            return DetectionSink.this.raised.contains(hash(hash(hash(hash(FNV, current.name()), category.text()), deviceAddress),
                    remoteAddress));
        }
    };

    private void raise(Finding f) {
        String category = f.category().text();
        long device = hash(hash(hash(FNV, current.name()), category), f.deviceAddress());
        String rule = f.signature() == null ? null : f.signature().gid() + ":" + f.signature().sid();
        long key = rule == null ? hash(device, f.remoteAddress()) : hash(hash(device, f.remoteAddress()), rule);
        if (raised.contains(key)) {
            repeats++;
            return;
        }
        if (raised.size() >= MAX_KEYS) {
            suppressed++; // checked first: a flood of findings from made-up sources must not grow the per-device counts either
            return;
        }
        int[] count = perDevice.computeIfAbsent(device, k -> new int[1]);
        if (++count[0] > MAX_PER_DEVICE) {
            suppressed++;
            return;
        }
        raised.add(key);
        List<String> groups = policy.groupsOf(f.deviceAddress());
        String deviceName = groups.isEmpty() ? null : String.join(",", groups);
        GeoDatabase.Location where = f.remoteAddress() != null && Addresses.internet(f.remoteAddress())
                ? geo.locate(f.remoteAddress()) : GeoDatabase.Location.UNKNOWN;
        String idKey = current.name() + "|" + category + "|" + f.deviceAddress() + "|" + f.remoteAddress()
                + (rule == null ? "" : "|" + rule);
        Alert alert = new Alert(id(idKey), f.timestampNanos(), f.severity().text(), category, f.title(), f.why(),
                f.deviceAddress(), deviceName, f.remoteAddress(), f.remoteName(),
                current.name(), f.attack(), f.flowIds(), f.score(), where.country(), where.asn(), where.organisation(),
                f.signature(), connectionOf(f));
        alerts++;
        String label = f.deviceAddress() + (deviceName == null ? "" : " " + deviceName);
        bySeverity.computeIfAbsent(label, d -> new int[SEVERITIES.size()])[SEVERITIES.indexOf(alert.severity())]++;
        downstream.accept(alert);
    }

    /**
     * The 5-tuple of the event being looked at when it is one of the finding's flows; built only
     * when an alert is raised, so the per-flow path allocates nothing for it.
     */
    private AlertConnection connectionOf(Finding f) {
        return switch (looking) {
            case FlowEvent(var r) when f.flowIds().contains(r.id()) -> new AlertConnection(r.id(), r.transport(),
                    r.originatorHost(), r.originatorPort(), r.responderHost(), r.responderPort(), r.service(),
                    r.communityId());
            case ProtocolRecord r when f.flowIds().contains(r.flowId()) -> new AlertConnection(r.flowId(), null,
                    r.originatorHost(), r.originatorPort(), r.responderHost(), r.responderPort(), null, null);
            case null, default -> null;
        };
    }

    private static final long FNV = 0xcbf29ce484222325L;

    /** FNV-1a over a string's characters and a separator (null hashes as its own value). */
    private static long hash(long h, String s) {
        if (s == null) {
            return (h ^ 0x1f) * 0x100000001b3L;
        }
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return (h ^ '|') * 0x100000001b3L;
    }

    /** Findings not raised because their device had raised {@link #MAX_PER_DEVICE} of the kind already. */
    public long suppressed() {
        return suppressed;
    }

    /** Alerts raised so far. */
    public long alerts() {
        return alerts;
    }

    /** Findings that repeated an alert already raised (counted, not raised again). */
    public long repeats() {
        return repeats;
    }

    /** Alerts by device (its address, and its groups when it has some) and severity in {@link #SEVERITIES} order. */
    public Map<String, int[]> bySeverity() {
        Map<String, int[]> copy = new LinkedHashMap<>();
        bySeverity.forEach((device, counts) -> copy.put(device, counts.clone()));
        return copy;
    }

    static String id(String key) {
        return AlertIds.of(key);
    }

    /** Consumer view, for tests. */
    Consumer<Finding> raiser(Detector d) {
        return f -> {
            current = d;
            raise(f);
        };
    }
}
