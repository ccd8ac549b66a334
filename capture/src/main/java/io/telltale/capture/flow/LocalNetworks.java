package io.telltale.capture.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * The networks an operator calls local (the site's own address space), for {@code local_orig} and
 * {@code local_resp}. {@link #ZEEK_DEFAULT} is the private and special-purpose space Zeek treats as
 * local out of the box.
 */
public final class LocalNetworks {

    /** Zeek's {@code Site::private_address_space} (IANA special-purpose registries), IPv4 and IPv6. */
    public static final List<String> ZEEK_DEFAULT_CIDRS = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "240.0.0.0/4", "255.255.255.255/32",
            "2002::/24", "2002:a00::/24", "2002:6440::/26", "2002:7f00::/24", "2002:a9fe::/32", "2002:ac10::/28",
            "2002:c000::/40", "2002:c000:200::/40", "2002:c0a8::/32", "2002:c612::/31", "2002:c633:6400::/40",
            "2002:cb00:7100::/40", "2002:f000::/20", "2002:ffff:ffff::/48",
            "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:2::/48", "2001:db8::/32",
            "fc00::/7", "fe80::/10");

    public static final LocalNetworks NONE = new LocalNetworks(List.of());
    public static final LocalNetworks ZEEK_DEFAULT = parse(ZEEK_DEFAULT_CIDRS);

    private final long[] high;
    private final long[] low;
    private final long[] highMask;
    private final long[] lowMask;
    private final int[] prefix;
    private final List<String> cidrs;

    private LocalNetworks(List<String> cidrs) {
        this.cidrs = List.copyOf(cidrs);
        this.high = new long[cidrs.size()];
        this.low = new long[cidrs.size()];
        this.prefix = new int[cidrs.size()];
        this.highMask = new long[cidrs.size()];
        this.lowMask = new long[cidrs.size()];
    }

    /** Parses CIDRs such as {@code 10.20.0.0/16} or {@code fd00::/8}; a bare address is a /32 or /128. */
    public static LocalNetworks parse(List<String> cidrs) {
        LocalNetworks networks = new LocalNetworks(cidrs);
        for (int i = 0; i < cidrs.size(); i++) {
            String cidr = cidrs.get(i).trim();
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            long[] parsed = Addresses.parse(address);
            boolean v4 = Addresses.isIpv4(parsed[0], parsed[1]);
            int length;
            try {
                length = slash < 0 ? (v4 ? 32 : 128) : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + cidr, e);
            }
            if (length < 0 || length > (v4 ? 32 : 128)) {
                throw new IllegalArgumentException("prefix length out of range in " + cidr);
            }
            int bits = v4 ? 96 + length : length;
            networks.prefix[i] = bits;
            networks.highMask[i] = maskHigh(bits);
            networks.lowMask[i] = maskLow(bits);
            networks.high[i] = parsed[0] & maskHigh(bits);
            networks.low[i] = parsed[1] & maskLow(bits);
        }
        return networks;
    }

    private static long maskHigh(int bits) {
        return bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
    }

    private static long maskLow(int bits) {
        return bits <= 64 ? 0 : bits >= 128 ? -1L : -1L << (128 - bits);
    }

    public boolean contains(long addressHigh, long addressLow) {
        for (int i = 0; i < prefix.length; i++) {
            if ((addressHigh & highMask[i]) == high[i] && (addressLow & lowMask[i]) == low[i]) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return prefix.length == 0;
    }

    public List<String> cidrs() {
        return cidrs;
    }
}
