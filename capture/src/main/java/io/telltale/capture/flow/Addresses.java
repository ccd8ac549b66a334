package io.telltale.capture.flow;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * 128-bit addresses held in two longs, IPv4 as IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}), and their
 * text forms: dotted quad for IPv4, RFC 5952 compressed form for IPv6 (what Zeek prints).
 */
public final class Addresses {

    private static final long IPV4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    private Addresses() {
    }

    public static boolean isIpv4(long high, long low) {
        return high == 0 && (low & 0xffff_ffff_0000_0000L) == IPV4_MAPPED_PREFIX;
    }

    public static long mapIpv4(int address) {
        return IPV4_MAPPED_PREFIX | Integer.toUnsignedLong(address);
    }

    /** Network-order bytes: 4 for IPv4, 16 for IPv6. */
    public static byte[] bytes(long high, long low) {
        if (isIpv4(high, low)) {
            int v4 = (int) low;
            return new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (high >>> (56 - 8 * i));
            out[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return out;
    }

    /** One address and its text, as the cache below holds it (immutable, so shared between threads safely). */
    private record Text(long high, long low, String text) {
    }

    private static final int TEXT_CACHE = 1 << 14;
    /**
     * The text of recently seen addresses, direct-mapped: every detector asks each flow record for its
     * addresses' text, and making a new string each time was the largest allocation of a busy read.
     * A slot is overwritten by the next address that hashes to it; threads race on slots harmlessly.
     */
    private static final Text[] TEXTS = new Text[TEXT_CACHE];

    public static String text(long high, long low) {
        int slot = (int) ((high * 0x9E3779B97F4A7C15L ^ low * 0xC2B2AE3D27D4EB4FL) >>> 50) & (TEXT_CACHE - 1);
        Text cached = TEXTS[slot];
        if (cached != null && cached.high == high && cached.low == low) {
            return cached.text;
        }
        String text = appendText(new StringBuilder(39), high, low).toString();
        TEXTS[slot] = new Text(high, low, text);
        return text;
    }

    /** Appends the text form to {@code out}; writers use it to avoid a String per address. */
    public static StringBuilder appendText(StringBuilder out, long high, long low) {
        if (isIpv4(high, low)) {
            int v4 = (int) low;
            return out.append(v4 >>> 24).append('.').append((v4 >>> 16) & 0xff).append('.').append((v4 >>> 8) & 0xff)
                    .append('.').append(v4 & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            groups[4 + i] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength && j - i >= 2) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        boolean colonLast = true;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                colonLast = true;
                i += bestLength - 1;
                continue;
            }
            if (!colonLast) {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
            colonLast = false;
        }
        return out;
    }

    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]+");

    /** Parses a literal IPv4 or IPv6 address (no name lookups) into {high, low}. */
    public static long[] parse(String literal) {
        if (literal.isEmpty() || !LITERAL.matcher(literal).matches()) {
            throw new IllegalArgumentException("not an IP address literal: " + literal);
        }
        byte[] raw;
        try {
            raw = InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + literal, e);
        }
        if (raw.length == 4) {
            int v4 = ((raw[0] & 0xff) << 24) | ((raw[1] & 0xff) << 16) | ((raw[2] & 0xff) << 8) | (raw[3] & 0xff);
            return new long[] {0, mapIpv4(v4)};
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (raw[i] & 0xff);
            low = (low << 8) | (raw[8 + i] & 0xff);
        }
        return new long[] {high, low};
    }
}
