package io.telltale.signatures.ioc;

import com.google.common.net.InetAddresses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lists compiled for lookup: addresses and hashes in hash maps, networks by prefix length, domains
 * looked up with each parent (so {@code evil.example} matches {@code a.b.evil.example}), URLs by
 * host then path prefix. Immutable; a reload builds a new one. An indicator or list past its
 * expiry (in packet time) matches nothing.
 */
public final class IndicatorSet {

    /** An indicator that matched, and its list. */
    public record Match(Indicator indicator, IndicatorList list) {
    }

    private final List<IndicatorList> lists;
    private final Map<String, Match> exact = new HashMap<>(); // kind|value
    private final Map<Integer, Map<String, Match>> networks = new HashMap<>(); // prefix length -> masked address
    private final int[] prefixLengths;
    private final Map<String, List<Match>> urlsByHost = new HashMap<>();

    public IndicatorSet(List<IndicatorList> lists) {
        this.lists = List.copyOf(lists);
        Set<Integer> lengths = new TreeSet<>();
        for (IndicatorList l : lists) {
            for (Indicator i : l.indicators()) {
                Match m = new Match(i, l);
                switch (i.kind()) {
                    case CIDR -> {
                        int slash = i.value().indexOf('/');
                        int bits = Integer.parseInt(i.value().substring(slash + 1));
                        String network = i.value().substring(0, slash);
                        int length = (network.contains(":") ? 1000 : 0) + bits;
                        lengths.add(length);
                        networks.computeIfAbsent(length, k -> new HashMap<>()).putIfAbsent(network, m);
                    }
                    case URL -> urlsByHost.computeIfAbsent(i.value().substring(0, hostEnd(i.value())), k -> new ArrayList<>()).add(m);
                    default -> exact.putIfAbsent(i.kind() + "|" + i.value(), m);
                }
            }
        }
        prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
    }

    public static IndicatorSet empty() {
        return new IndicatorSet(List.of());
    }

    public int size() {
        return lists.stream().mapToInt(l -> l.indicators().size()).sum();
    }

    /** The indicator an address (v4 or v6, as text) falls under, or null. */
    public Match address(String text, long nowNanos) {
        if (text == null || !InetAddresses.isInetAddress(text)) {
            return null;
        }
        byte[] a = InetAddresses.forString(text).getAddress();
        Match m = valid(exact.get("IP|" + InetAddresses.toAddrString(InetAddresses.forString(text))), nowNanos);
        if (m != null) {
            return m;
        }
        for (int length : prefixLengths) {
            boolean v6 = length >= 1000;
            if (v6 != (a.length == 16)) {
                continue;
            }
            int bits = length % 1000;
            byte[] masked = a.clone();
            for (int i = 0; i < masked.length; i++) {
                int keep = Math.max(0, Math.min(8, bits - 8 * i));
                masked[i] &= (byte) (0xff << (8 - keep));
            }
            try {
                Match n = valid(networks.get(length).get(InetAddresses.toAddrString(java.net.InetAddress.getByAddress(masked))), nowNanos);
                if (n != null) {
                    return n;
                }
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    /** The indicator a name or one of its parents is, or null. */
    public Match domain(String name, long nowNanos) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        while (true) {
            Match m = valid(exact.get("DOMAIN|" + n), nowNanos);
            if (m != null) {
                return m;
            }
            int dot = n.indexOf('.');
            if (dot < 0) {
                return null;
            }
            n = n.substring(dot + 1);
        }
    }

    /** The URL indicator a request falls under (same host, path starting with the indicator's), or null. */
    public Match url(String host, String uri, long nowNanos) {
        if (host == null || uri == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        List<Match> candidates = urlsByHost.get(h);
        if (candidates == null) {
            return null;
        }
        String full = h + uri;
        for (Match m : candidates) {
            if (full.startsWith(m.indicator().value()) && valid(m, nowNanos) != null) {
                return m;
            }
        }
        return null;
    }

    /** The indicator a fingerprint or hash is (JA3, JA3S and HASSH are MD5s; JA4; certificate SHA-1 or SHA-256), or null. */
    public Match fingerprint(String value, long nowNanos) {
        if (value == null) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT).replace(":", "");
        for (Indicator.Kind k : new Indicator.Kind[] {Indicator.Kind.MD5_FINGERPRINT, Indicator.Kind.JA4, Indicator.Kind.SHA1,
            Indicator.Kind.SHA256}) {
            Match m = valid(exact.get(k + "|" + v), nowNanos);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    private static Match valid(Match m, long nowNanos) {
        return m == null || nowNanos > m.indicator().validUntil() || nowNanos > m.list().expires() ? null : m;
    }

    private static int hostEnd(String url) {
        int slash = url.indexOf('/');
        return slash < 0 ? url.length() : slash;
    }
}
