package io.telltale.analysis.detect.dns;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.FlowRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A device reaches an Internet address no DNS answer it saw had named (peers.md §c.4, Slips' rule): an
 * address hard-coded in the software, or learnt through a channel the monitor cannot read (DoH). The
 * passive-DNS table is per client (answers a client got) with a bound. Live, the first 3 minutes are a
 * warm-up (answers from before the start were not seen); a file is the whole evidence and has none.
 * Declared peers are exempt.
 */
public final class DnsLessConnectionDetector implements Detector {

    static final long WARM_UP_NANOS = 180_000_000_000L;
    static final int MAX_ADDRESSES_PER_CLIENT = 100_000;
    /** Answers kept over all clients (a DNS flood from random clients must not grow the table for ever). */
    static final int MAX_ADDRESSES = 262_144;

    private final Policy policy;
    /** Per client, the addresses its answers gave; least recently asked first, for eviction. */
    private final java.util.LinkedHashMap<String, Set<String>> resolved = new java.util.LinkedHashMap<>(16, 0.75f, true);
    private long stored;
    private long clientsShed;
    private long firstNanos = Long.MIN_VALUE;

    private final long warmUpNanos;

    /** @param live true for a live capture: a warm-up before the first alert */
    public DnsLessConnectionDetector(Policy policy, boolean live) {
        this.policy = policy;
        this.warmUpNanos = live ? WARM_UP_NANOS : 0;
    }

    @Override
    public String name() {
        return "dns-less-connection";
    }

    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        if (record instanceof DnsRecord r && r.answers() != null) {
            Set<String> mine = resolved.computeIfAbsent(r.originatorHost(), c -> new HashSet<>());
            for (String answer : r.answers()) {
                if (mine.size() < MAX_ADDRESSES_PER_CLIENT && com.google.common.net.InetAddresses.isInetAddress(answer)
                        && mine.add(normalise(answer))) {
                    stored++;
                }
            }
            while (stored > MAX_ADDRESSES && resolved.size() > 1) {
                shedOne(r.originatorHost());
            }
        }
    }

    /**
     * Drops the least recently asking client that no policy group names (the table is for watching the
     * devices; an unknown flood of clients goes first), or the least recent of all when every client is
     * a device; never the one asking now.
     */
    private void shedOne(String asking) {
        String victim = null;
        for (String client : resolved.keySet()) {
            if (!client.equals(asking) && policy.groupsOf(client).isEmpty()) {
                victim = client;
                break;
            }
        }
        if (victim == null) {
            for (String client : resolved.keySet()) {
                if (!client.equals(asking)) {
                    victim = client;
                    break;
                }
            }
        }
        stored -= resolved.remove(victim).size();
        clientsShed++;
    }

    /** Answers held now, over all clients (at most {@link #MAX_ADDRESSES} after each record). */
    long storedAddresses() {
        return stored;
    }

    /** Clients whose answers were dropped to stay within {@link #MAX_ADDRESSES}. */
    public long clientsShed() {
        return clientsShed;
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = f.startNanos();
        }
        String remote = f.responderHost();
        if (f.startNanos() - firstNanos < warmUpNanos || !Addresses.internet(remote) || f.responderPackets() == 0
                || f.transport().startsWith("icmp")) {
            return;
        }
        if (!policy.groups().isEmpty() && policy.groupsOf(f.originatorHost()).isEmpty()) {
            return;
        }
        if (policy.declared(f.originatorHost(), remote, f.transport(), f.responderPort(), null, f.startNanos())) {
            return;
        }
        Set<String> mine = resolved.get(f.originatorHost());
        if (mine != null && mine.contains(normalise(remote))) {
            return;
        }
        if (io.telltale.analysis.detect.Findings.raised(out, Category.DNS_LESS_CONNECTION, f.originatorHost(), remote)) {
            return; // said already for this pair
        }
        out.accept(new Finding(f.startNanos(), Category.DNS_LESS_CONNECTION, Severity.MEDIUM, "Connection to " + remote
                + " without a DNS answer naming it", f.originatorHost() + " connected to " + remote + ":" + f.responderPort()
                + " although no DNS answer it received named that address: the address is built into the software, or was "
                + "learnt where the monitor cannot see (DNS over HTTPS).", f.originatorHost(), remote, null,
                List.of("T1071", "T1571"), List.of(f.id()), -1));
    }

    /**
     * One text per address, whichever way it was written (DNS answers and flow records may write IPv6
     * differently): RFC 5952's. A dotted quad is already canonical; nothing is ever looked up.
     */
    static String normalise(String address) {
        if (address.indexOf(':') < 0 || !com.google.common.net.InetAddresses.isInetAddress(address)) {
            return address;
        }
        return com.google.common.net.InetAddresses.toAddrString(com.google.common.net.InetAddresses.forString(address));
    }
}
