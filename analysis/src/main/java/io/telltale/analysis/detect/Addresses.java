package io.telltale.analysis.detect;

import java.net.InetAddress;

/** What kind of address a remote end has: the Internet, the site, or a multicast/broadcast group. */
public final class Addresses {

    private Addresses() {
    }

    /** Multicast, broadcast or link-local: on-link chatter, not a conversation with a peer. */
    public static boolean onLink(String address) {
        InetAddress a = parse(address);
        if (a == null) {
            return false;
        }
        byte[] b = a.getAddress();
        return a.isMulticastAddress() || a.isLinkLocalAddress() || address.equals("255.255.255.255")
                || (b.length == 4 && (b[3] & 0xff) == 255);
    }

    /** Outside every private, loopback, link-local, multicast and special-purpose range. */
    public static boolean internet(String address) {
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
