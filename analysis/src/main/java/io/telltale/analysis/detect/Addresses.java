package io.telltale.analysis.detect;

import java.net.InetAddress;

/** What kind of address a remote end has: the Internet, the site, or a multicast/broadcast group. */
public final class Addresses {

    private Addresses() {
    }

    private static final int INTERNET = 1;
    private static final int ON_LINK = 2;
    private static final int CACHED = 4;
    static final int CACHE_SIZE = 1 << 16;
    /**
     * What each address is, remembered: every detector asks of every flow, and parsing the text each
     * time cost more than the detectors' own work. Cleared wholesale when full (a scan of random
     * addresses must not grow it).
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> KIND = new java.util.concurrent.ConcurrentHashMap<>();

    private static int kind(String address) {
        if (address == null) {
            return CACHED;
        }
        Integer known = KIND.get(address);
        if (known != null) {
            return known;
        }
        int k = CACHED | (classifyInternet(address) ? INTERNET : 0) | (classifyOnLink(address) ? ON_LINK : 0);
        if (KIND.size() >= CACHE_SIZE) {
            KIND.clear();
        }
        KIND.put(address, k);
        return k;
    }

    /** Multicast, broadcast or link-local: on-link chatter, not a conversation with a peer. */
    public static boolean onLink(String address) {
        return (kind(address) & ON_LINK) != 0;
    }

    /** Outside every private, loopback, link-local, multicast and special-purpose range. */
    public static boolean internet(String address) {
        return (kind(address) & INTERNET) != 0;
    }

    private static boolean classifyOnLink(String address) {
        InetAddress a = parse(address);
        if (a == null) {
            return false;
        }
        byte[] b = a.getAddress();
        return a.isMulticastAddress() || a.isLinkLocalAddress() || address.equals("255.255.255.255")
                || (b.length == 4 && (b[3] & 0xff) == 255);
    }

    private static boolean classifyInternet(String address) {
        InetAddress a = parse(address);
        if (a == null || a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()
                || a.isAnyLocalAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            return !(first == 0 || first >= 240 || (first == 100 && (b[1] & 0xc0) == 64) || (first == 169 && (b[1] & 0xff) == 254));
        }
        return (b[0] & 0xfe) != 0xfc; // not a unique local address
    }

    static InetAddress parse(String address) {
        // literals only: InetAddress.getByName("cafe.be") would ask the DNS
        return address == null || !com.google.common.net.InetAddresses.isInetAddress(address) ? null
                : com.google.common.net.InetAddresses.forString(address);
    }
}
