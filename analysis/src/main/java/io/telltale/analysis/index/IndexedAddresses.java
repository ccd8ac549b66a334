package io.telltale.analysis.index;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;

/** Address literals for the index and its queries, parsed without ever asking DNS. */
public final class IndexedAddresses {

    private IndexedAddresses() {
    }

    /** The address, or null when the text is not an IPv4 or IPv6 literal (a scope id is refused too). */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty() || text.indexOf('%') >= 0 || !InetAddresses.isInetAddress(text)) {
            return null;
        }
        return InetAddresses.forString(text);
    }
}
