package io.telltale.analysis.index;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;

/** Address literals for the index and its queries, parsed without ever asking DNS. */
public final class IndexedAddresses {

    private IndexedAddresses() {
    }

    /**
     * The address as {@code InetAddressPoint} encodes it (16 bytes, IPv4 mapped), or null when the text is
     * not a literal. A dotted quad is read by hand: Guava's general parser was most of the cost of
     * indexing an address.
     */
    public static byte[] encode(String text) {
        byte[] quad = dottedQuad(text);
        if (quad != null) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(quad, 0, mapped, 12, 4);
            return mapped;
        }
        InetAddress address = parse(text);
        return address == null ? null : org.apache.lucene.document.InetAddressPoint.encode(address);
    }

    /** Four decimal octets 0-255 without leading zeros, separated by dots; null for anything else. */
    static byte[] dottedQuad(String text) {
        if (text == null || text.length() < 7 || text.length() > 15) {
            return null;
        }
        byte[] out = new byte[4];
        int octet = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // a leading zero: octal in some parsers, refused by Guava, so here too
                }
                value = (digits == 0 ? 0 : value) * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && octet < 4) {
                out[octet++] = (byte) value;
                digits = 0;
                value = -1;
            } else {
                return null;
            }
        }
        return octet == 4 ? out : null;
    }

    /** The address, or null when the text is not an IPv4 or IPv6 literal (a scope id is refused too). */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty() || text.indexOf('%') >= 0 || !InetAddresses.isInetAddress(text)) {
            return null;
        }
        return InetAddresses.forString(text);
    }
}
