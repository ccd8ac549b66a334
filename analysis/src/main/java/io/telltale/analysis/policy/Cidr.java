package io.telltale.analysis.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.google.common.net.InetAddresses;

/** An address block ({@code 10.20.30.0/24}, {@code 2001:db8::/32}; a bare address is a /32 or /128). */
public record Cidr(byte[] network, int prefix) {

    @JsonCreator
    public static Cidr parse(String text) {
        String[] parts = text.trim().split("/", 2);
        // Guava reads literals only: "cafe.be" is a name, and InetAddress would look it up in the DNS
        if (!InetAddresses.isInetAddress(parts[0])) {
            throw new IllegalArgumentException("not an address block: \"" + text + "\"");
        }
        byte[] address = InetAddresses.forString(parts[0]).getAddress();
        int bits = address.length * 8;
        int prefix;
        try {
            prefix = parts.length == 1 ? bits : Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length in \"" + text + "\"");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " does not fit an address of " + bits + " bits: \"" + text + "\"");
        }
        return new Cidr(address, prefix);
    }

    /** {@code 10.20.30.0/24}, {@code 2001:db8::/32}: the form {@link #parse} reads. */
    public String text() {
        try {
            return java.net.InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a network of " + network.length + " bytes", e);
        }
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int i = 0; i < prefix; i++) {
            int mask = 0x80 >> (i % 8);
            if ((network[i / 8] & mask) != (address[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
