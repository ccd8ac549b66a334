package io.telltale.analysis.policy;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an address written as text is, worked out once: its bytes, whether it lies on the Internet,
 * and whether it is on-link chatter (multicast, broadcast, link-local).
 *
 * <p>The policy and every detector ask this of both ends of every flow. Each question used to have
 * a cache of its own, so the first question about a flow's address missed in two large maps; those
 * misses were the largest single item in a profile of detection alone (DetectionBenchmark). One map
 * answers them all now.
 *
 * @param bytes the address, 4 or 16 bytes (shared: never change them)
 * @param internet outside every private, loopback, link-local, multicast and special-purpose range
 * @param onLink multicast, broadcast or link-local: not a conversation with a peer
 */
public record AddressLiteral(byte[] bytes, boolean internet, boolean onLink) {

    /**
     * At most this many addresses are remembered (28 MiB measured for IPv4 ones, more for IPv6 text).
     * When full the map is cleared wholesale, so a scan of made-up addresses cannot grow it. A site's
     * SPAN port sees far fewer.
     */
    static final int CACHE_SIZE = 1 << 18;

    private static final AddressLiteral NOT_AN_ADDRESS = new AddressLiteral(new byte[0], false, false);
    private static final ConcurrentHashMap<String, AddressLiteral> KNOWN = new ConcurrentHashMap<>();

    /** The address's facts, or null when the text is not an address literal (a DNS name, say) or is null. */
    public static AddressLiteral of(String text) {
        if (text == null) {
            return null;
        }
        AddressLiteral known = KNOWN.get(text);
        if (known == null) {
            known = parse(text);
            if (KNOWN.size() >= CACHE_SIZE) {
                KNOWN.clear();
            }
            KNOWN.put(text, known);
        }
        return known == NOT_AN_ADDRESS ? null : known;
    }

    /** Addresses remembered now. */
    static int size() {
        return KNOWN.size();
    }

    private static AddressLiteral parse(String text) {
        // literals only: InetAddress.getByName("cafe.be") would ask the DNS
        if (!InetAddresses.isInetAddress(text)) {
            return NOT_AN_ADDRESS;
        }
        InetAddress a = InetAddresses.forString(text);
        byte[] b = a.getAddress();
        return new AddressLiteral(b, internet(a, b), onLink(text, a, b));
    }

    private static boolean onLink(String text, InetAddress a, byte[] b) {
        return a.isMulticastAddress() || a.isLinkLocalAddress() || text.equals("255.255.255.255")
                || (b.length == 4 && (b[3] & 0xff) == 255);
    }

    private static boolean internet(InetAddress a, byte[] b) {
        if (a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()
                || a.isAnyLocalAddress()) {
            return false;
        }
        if (b.length == 4) {
            int first = b[0] & 0xff;
            return !(first == 0 || first >= 240 || (first == 100 && (b[1] & 0xc0) == 64) || (first == 169 && (b[1] & 0xff) == 254));
        }
        return (b[0] & 0xfe) != 0xfc; // not a unique local address
    }
}
