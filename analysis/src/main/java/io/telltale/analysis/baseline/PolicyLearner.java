package io.telltale.analysis.baseline;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.policy.Cidr;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.FlowRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Collects what the site's devices were seen to do that the policy does not declare: per device
 * group (its most specific one; the device's own address when it has none), remote end, transport,
 * port and protocol, the answered conversations, with the names used in them. Attempts nobody
 * answered are not proposed (declaring what a firewall blocks would hide it). Alerts that went by
 * are kept per device and remote end, so a proposal to declare a beacon says so.
 */
public final class PolicyLearner implements EventSink {

    static final int MAX_KEYS = 10_000;
    static final int MAX_NAMES = 16;

    /** What is gathered for one proposal. */
    private static final class Seen {
        String from;
        String to;
        String protocol;
        String transport;
        int port;
        long flows;
        long first = Long.MAX_VALUE;
        long last;
        long out;
        long in;
        final TreeSet<String> names = new TreeSet<>();
        String namesKey;
    }

    private final Policy policy;
    private final Map<String, Seen> seen = new LinkedHashMap<>();
    /** Names asked before the flow that carried them ended (records come before their flow's record). */
    private final Map<Long, List<String[]>> pendingNames = new HashMap<>();
    private final Map<String, TreeSet<String>> alerts = new HashMap<>();

    public PolicyLearner(Policy policy) {
        this.policy = policy;
    }

    @Override
    public void accept(MonitorEvent event) {
        switch (event) {
            case FlowEvent(FlowRecord f) -> flow(f);
            case DnsRecord d when d.query() != null && !d.query().isEmpty() -> name(d.flowId(), "dns_names", d.query());
            case TlsRecord t when t.serverName() != null -> name(t.flowId(), "tls_sni", t.serverName());
            case HttpRecord h when h.host() != null -> name(h.flowId(), "http_host", h.host());
            case DicomRecord d when d.calledAe() != null -> name(d.flowId(), "dicom_called_ae", d.calledAe());
            case Alert a -> alerts.computeIfAbsent(a.deviceAddress() + "|" + a.remoteAddress(), k -> new TreeSet<>())
                    .add(a.category() + ":" + a.severity());
            default -> {
                // nothing to learn from
            }
        }
    }

    private void name(long flow, String key, String value) {
        List<String[]> pending = pendingNames.computeIfAbsent(flow, f -> new ArrayList<>());
        if (pending.size() < MAX_NAMES && pendingNames.size() < MAX_KEYS * 10) {
            pending.add(new String[]{key, value});
        }
    }

    private void flow(FlowRecord f) {
        List<String[]> names = f.interim() ? pendingNames.get(f.id()) : pendingNames.remove(f.id());
        if (f.interim()) {
            return;
        }
        String device = f.originatorHost();
        String remote = f.responderHost();
        boolean answered = f.responderPackets() > 0 && !f.connState().equals("REJ") && !f.connState().equals("S0");
        boolean siteDevice = !Addresses.internet(device) || !policy.groupsOf(device).isEmpty();
        if (!answered || !siteDevice || Addresses.onLink(remote) || device.equals("0.0.0.0")) {
            return;
        }
        String transport = f.transport().startsWith("icmp") ? "icmp" : f.transport();
        int port = f.hasPorts() ? f.responderPort() : 0;
        if (policy.declared(device, remote, transport, port, null, f.startNanos())) {
            return;
        }
        String from = mostSpecificGroup(device);
        String to = mostSpecificGroup(remote);
        String protocol = f.service() == null ? transport : f.service().split(",")[0];
        String key = from + "|" + to + "|" + transport + "|" + port + "|" + protocol;
        Seen s = seen.get(key);
        if (s == null) {
            if (seen.size() >= MAX_KEYS) {
                return;
            }
            s = new Seen();
            s.from = from;
            s.to = to;
            s.protocol = protocol;
            s.transport = transport;
            s.port = port;
            seen.put(key, s);
        }
        s.flows++;
        s.first = Math.min(s.first, f.startNanos());
        s.last = Math.max(s.last, f.startNanos() + Math.max(0, f.durationNanos()));
        s.out += Math.max(0, f.originatorBytes());
        s.in += Math.max(0, f.responderBytes());
        if (names != null) {
            for (String[] n : names) {
                if (s.names.size() < MAX_NAMES) {
                    s.namesKey = s.namesKey == null ? n[0] : s.namesKey;
                    if (s.namesKey.equals(n[0])) {
                        s.names.add(n[1]);
                    }
                }
            }
        }
        alertsFor(device, remote, key);
    }

    private final Map<String, List<String>> pairsByKey = new HashMap<>();

    private void alertsFor(String device, String remote, String key) {
        List<String> pairs = pairsByKey.computeIfAbsent(key, k -> new ArrayList<>());
        String pair = device + "|" + remote;
        if (pairs.size() < 64 && !pairs.contains(pair)) {
            pairs.add(pair);
        }
    }

    /** The group covering the fewest addresses that holds the address, or the address itself as a block. */
    public String mostSpecificGroup(String address) {
        long[] parsed = io.telltale.capture.flow.Addresses.parse(address);
        byte[] bytes = parsed == null ? null : io.telltale.capture.flow.Addresses.bytes(parsed[0], parsed[1]);
        String best = null;
        int bestPrefix = -1;
        for (String g : policy.groupsOf(address)) {
            for (Cidr c : policy.groups().get(g).cidr()) {
                if (bytes != null && c.network().length == bytes.length && c.contains(bytes) && relativePrefix(c) > bestPrefix) {
                    best = g;
                    bestPrefix = relativePrefix(c);
                }
            }
            if (best == null) {
                best = g; // a group by MAC prefix, maker or name
            }
        }
        return best != null ? best : address + (address.contains(":") ? "/128" : "/32");
    }

    /** A /128 and a /32 are equally specific. */
    private static int relativePrefix(Cidr c) {
        return c.prefix() - (c.network().length == 16 ? 96 : 0);
    }

    /** What was seen and is not declared, the busiest first. */
    public List<Proposal> proposals() {
        List<Proposal> all = new ArrayList<>();
        seen.forEach((key, s) -> {
            TreeSet<String> raised = new TreeSet<>();
            for (String pair : pairsByKey.getOrDefault(key, List.of())) {
                raised.addAll(alerts.getOrDefault(pair, new TreeSet<>()));
            }
            all.add(new Proposal(s.from, s.to, s.protocol, s.transport, s.port, s.namesKey, List.copyOf(s.names), s.flows,
                    s.first, s.last, s.out, s.in, List.copyOf(raised)));
        });
        all.sort((a, b) -> Long.compare(b.flows(), a.flows()));
        return all;
    }
}
