package io.telltale.analysis.asset;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.event.ArpRecord;
import io.telltale.analysis.event.DhcpRecord;
import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.FlowRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import io.telltale.analysis.event.AssetChange;

/**
 * Keeps every site address it sees (private ones and those the policy groups; not the rest of the
 * Internet, not multicast or broadcast) with what the flows,
 * DHCP and DICOM tell of it. Bounded: past {@link #MAX_ASSETS} addresses new ones are counted only, except
 * devices the policy groups, which are kept up to twice the bound.
 */
public final class AssetInventory {

    static final int MAX_ASSETS = 100_000;
    static final int MAX_PEERS = 10_000;
    static final int DAYS_KEPT = 62;

    /** What is known of one address so far. */
    private static final class Known {
        String mac;
        String hostName;
        String vendorClass;
        List<Integer> parameters;
        final Set<String> aeTitles = new LinkedHashSet<>();
        final Set<String> services = new LinkedHashSet<>();
        final Set<String> peers = new HashSet<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long started;
        long answered;
        long sent;
        long received;
        final Map<java.time.LocalDate, Long> sentPerDay = new java.util.TreeMap<>();

        /** Bytes sent per UTC day, the last {@link #DAYS_KEPT} days. */
        void day(long nanos, long bytes) {
            java.time.LocalDate day = java.time.LocalDate.ofEpochDay(Math.floorDiv(nanos, 86_400_000_000_000L));
            sentPerDay.merge(day, bytes, Long::sum);
            if (sentPerDay.size() > DAYS_KEPT) {
                sentPerDay.remove(((java.util.TreeMap<java.time.LocalDate, Long>) sentPerDay).firstKey());
            }
        }
    }

    private final Policy policy;
    private final OuiRegistry oui;
    private final Consumer<AssetChange> changes;
    private final Map<String, Known> known = new LinkedHashMap<>();
    private long overflow;

    /** @param changes told of every {@link AssetChange}, on the calling thread */
    public AssetInventory(Policy policy, OuiRegistry oui, Consumer<AssetChange> changes) {
        this.policy = policy;
        this.oui = oui;
        this.changes = changes;
    }

    public void accept(MonitorEvent event) {
        switch (event) {
            case FlowEvent(FlowRecord f) -> flow(f);
            case DhcpRecord d -> dhcp(d);
            case ArpRecord a -> arp(a);
            case DicomRecord d -> dicom(d);
            default -> {
                // other records say nothing about who a device is
            }
        }
    }

    private void flow(FlowRecord f) {
        if (f.interim()) {
            return;
        }
        long end = f.startNanos() + Math.max(0, f.durationNanos());
        Known from = of(f.originatorHost(), f.startNanos());
        if (from != null) {
            seen(from, f.startNanos(), end);
            from.started++;
            from.sent += Math.max(0, f.originatorBytes());
            from.day(f.startNanos(), Math.max(0, f.originatorBytes()));
            from.received += Math.max(0, f.responderBytes());
            if (from.peers.size() < MAX_PEERS) {
                from.peers.add(f.responderHost());
            }
        }
        Known to = of(f.responderHost(), f.startNanos());
        if (to != null) {
            seen(to, f.startNanos(), end);
            to.sent += Math.max(0, f.responderBytes());
            to.received += Math.max(0, f.originatorBytes());
            if (f.responderPackets() > 0 && !f.connState().equals("REJ")) {
                to.answered++;
                if (f.service() != null && f.hasPorts() && to.services.size() < 64) {
                    for (String s : f.service().split(",")) {
                        String service = s + "/" + f.responderPort();
                        if (to.services.add(service)) {
                            changes.accept(new AssetChange(f.startNanos(), "new-service", f.responderHost(), null, service));
                        }
                    }
                }
            }
        }
    }

    private void dhcp(DhcpRecord d) {
        String address = d.messageType() == 5 && d.yourAddress() != null && !d.yourAddress().equals("0.0.0.0") ? d.yourAddress()
                : d.clientAddress() != null && !d.clientAddress().equals("0.0.0.0") ? d.clientAddress() : null;
        Known k = address == null ? null : of(address, d.timestampNanos());
        if (k == null) {
            return;
        }
        String mac = d.clientIdMac() != null ? d.clientIdMac() : d.hardwareAddress();
        if (mac != null && !mac.equalsIgnoreCase(k.mac)) {
            if (k.mac != null) {
                changes.accept(new AssetChange(d.timestampNanos(), "new-mac", address, k.mac, mac));
            }
            k.mac = mac;
        }
        if (d.hostName() != null && !d.hostName().equals(k.hostName)) {
            if (k.hostName != null) {
                changes.accept(new AssetChange(d.timestampNanos(), "new-name", address, k.hostName, d.hostName()));
            }
            k.hostName = d.hostName();
        }
        policy.identify(address, new Policy.Identity(k.mac, oui.vendor(k.mac), k.hostName));
        if (d.vendorClass() != null) {
            k.vendorClass = d.vendorClass();
        }
        if (d.parameterRequestList() != null && !d.parameterRequestList().isEmpty()) {
            k.parameters = d.parameterRequestList();
        }
    }

    /** What an address's own ARP says: its MAC, for devices with static addresses that never ask DHCP. */
    private void arp(ArpRecord a) {
        Known k = of(a.senderAddress(), a.timestampNanos());
        if (k == null) {
            return;
        }
        seen(k, a.timestampNanos(), a.timestampNanos());
        if (!a.mac().equalsIgnoreCase(k.mac)) {
            if (k.mac != null) {
                changes.accept(new AssetChange(a.timestampNanos(), "new-mac", a.senderAddress(), k.mac, a.mac()));
            }
            k.mac = a.mac();
            policy.identify(a.senderAddress(), new Policy.Identity(k.mac, oui.vendor(k.mac), k.hostName));
        }
    }

    private void dicom(DicomRecord d) {
        Known calling = of(d.originatorHost(), d.timestampNanos());
        if (calling != null && d.callingAe() != null && calling.aeTitles.size() < 16) {
            calling.aeTitles.add(d.callingAe());
        }
        Known called = of(d.responderHost(), d.timestampNanos());
        if (called != null && d.calledAe() != null && "accepted".equals(d.result()) && called.aeTitles.size() < 16) {
            called.aeTitles.add(d.calledAe());
        }
    }

    private Known of(String address, long nanos) {
        // a public address is the site's when the policy puts it in a group (a campus, a global IPv6 prefix)
        if (address == null || (Addresses.internet(address) && policy.groupsOf(address).isEmpty())
                || Addresses.onLink(address) || address.equals("0.0.0.0")) {
            return null;
        }
        Known k = known.get(address);
        if (k == null) {
            // full (a flood of made-up sources, say): a device the policy groups still gets in, up to twice the bound,
            // so the devices Telltale is there to watch are never crowded out
            if (known.size() >= MAX_ASSETS && (known.size() >= 2 * MAX_ASSETS || policy.groupsOf(address).isEmpty())) {
                overflow++;
                return null;
            }
            k = new Known();
            known.put(address, k);
            changes.accept(new AssetChange(nanos, "new-device", address, null, address));
        }
        return k;
    }

    private static void seen(Known k, long start, long end) {
        k.first = Math.min(k.first, start);
        k.last = Math.max(k.last, end);
    }

    /** Every asset, in the order first met. */
    public List<Asset> assets() {
        List<Asset> all = new ArrayList<>();
        Map<String, List<String>> byMac = new java.util.HashMap<>();
        known.forEach((address, k) -> {
            if (k.mac != null) {
                byMac.computeIfAbsent(k.mac.toLowerCase(java.util.Locale.ROOT), m -> new ArrayList<>()).add(address);
            }
        });
        known.forEach((address, k) -> {
            List<String> same = k.mac == null ? List.of() : sameMac(byMac.get(k.mac.toLowerCase(java.util.Locale.ROOT)), address);
            Map<String, Long> perDay = new LinkedHashMap<>();
            k.sentPerDay.forEach((day, bytes) -> perDay.put(day.toString(), bytes));
            all.add(new Asset(address, same, k.mac, oui.vendor(k.mac), k.hostName, k.vendorClass,
                    k.parameters, List.copyOf(k.aeTitles), List.copyOf(k.services), policy.groupsOf(address),
                    k.first == Long.MAX_VALUE ? 0 : k.first, k.last == Long.MIN_VALUE ? 0 : k.last, k.started, k.answered, k.sent,
                    k.received, perDay, k.peers.size()));
        });
        return all;
    }

    /** At most this many other addresses are listed for one MAC (a router's, or a flood's spoofed sources). */
    static final int MAX_SAME_MAC = 16;

    /**
     * The other addresses with this MAC, the first {@link #MAX_SAME_MAC}: a flood of spoofed sources from
     * one MAC would otherwise make the listing quadratic in the inventory's size.
     */
    private static List<String> sameMac(List<String> all, String address) {
        List<String> others = new ArrayList<>(Math.min(all.size(), MAX_SAME_MAC));
        for (int i = 0; i < all.size() && others.size() < MAX_SAME_MAC; i++) {
            if (!all.get(i).equals(address)) {
                others.add(all.get(i));
            }
        }
        return others;
    }

    /** Addresses not kept because the inventory was full. */
    public long overflow() {
        return overflow;
    }
}
