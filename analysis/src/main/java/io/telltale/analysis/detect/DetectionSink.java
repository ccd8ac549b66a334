package io.telltale.analysis.detect;

import io.telltale.analysis.asset.AssetInventory;
import io.telltale.analysis.asset.OuiRegistry;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.geo.GeoDatabase;
import io.telltale.analysis.event.AssetChange;
import com.google.common.net.InetAddresses;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    private final Map<String, Raised> raised = new LinkedHashMap<>();
    private final Map<String, Integer> perDevice = new java.util.HashMap<>();
    private long suppressed;
    private Detector current;

    /** An alert raised, and how many times its finding came again. */
    public record Raised(Alert alert, long repeats) {
    }

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
        switch (event) {
            case FlowEvent(var record) -> {
                for (Detector d : detectors) {
                    current = d;
                    d.onFlow(record, this::raise);
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
                    d.onRecord(record, this::raise);
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
        for (Detector d : detectors) {
            current = d;
            d.onEnd(nowNanos, this::raise);
        }
    }

    private void raise(Finding f) {
        String key = current.name() + "|" + f.category().text() + "|" + f.deviceAddress() + "|" + f.remoteAddress();
        Raised before = raised.get(key);
        if (before != null) {
            raised.put(key, new Raised(before.alert(), before.repeats() + 1));
            return;
        }
        String deviceKey = current.name() + "|" + f.category().text() + "|" + f.deviceAddress();
        int count = perDevice.merge(deviceKey, 1, Integer::sum);
        if (count > MAX_PER_DEVICE || raised.size() >= MAX_KEYS) {
            suppressed++;
            return;
        }
        List<String> groups = policy.groupsOf(f.deviceAddress());
        GeoDatabase.Location where = f.remoteAddress() != null && Addresses.internet(f.remoteAddress())
                ? geo.locate(f.remoteAddress()) : GeoDatabase.Location.UNKNOWN;
        Alert alert = new Alert(id(key), f.timestampNanos(), f.severity().text(), f.category().text(), f.title(), f.why(),
                f.deviceAddress(), groups.isEmpty() ? null : String.join(",", groups), f.remoteAddress(), f.remoteName(),
                current.name(), f.attack(), f.flowIds(), f.score(), where.country(), where.asn(), where.organisation());
        raised.put(key, new Raised(alert, 0));
        downstream.accept(alert);
    }

    /** Findings not raised because their device had raised {@link #MAX_PER_DEVICE} of the kind already. */
    public long suppressed() {
        return suppressed;
    }

    /** Alerts raised so far, in the order they fired. */
    public List<Raised> raised() {
        return List.copyOf(raised.values());
    }

    static String id(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "TT-" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Consumer view, for tests. */
    Consumer<Finding> raiser(Detector d) {
        return f -> {
            current = d;
            raise(f);
        };
    }
}
