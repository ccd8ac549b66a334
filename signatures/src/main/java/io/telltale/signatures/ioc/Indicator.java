package io.telltale.signatures.ioc;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One indicator: its kind and its value in canonical form (addresses as RFC 5952 writes them,
 * names and hashes in lower case, a URL without its scheme). {@code validUntil} is epoch
 * nanoseconds, {@link Long#MAX_VALUE} when it does not expire.
 */
public record Indicator(Kind kind, String value, long validUntil) {

    /** What an indicator names, and so where it is looked for. */
    public enum Kind {
        IP, CIDR, DOMAIN, URL, MD5_FINGERPRINT, JA4, SHA1, SHA256
    }

    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern JA4_TEXT = Pattern.compile("[tqd][0-9a-z]{2}[di][0-9]{4}[0-9a-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}");
    private static final Pattern DOMAIN_TEXT = Pattern.compile("(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z][a-z0-9-]{0,62}");

    /**
     * The indicator a line of text names, its kind guessed from its shape: an address, a CIDR, a URL
     * (with a scheme), a JA4, an MD5 (JA3, JA3S or HASSH: they are all MD5s), a SHA-1 or SHA-256
     * (certificate fingerprints, colons allowed), a domain. Null if it is none of these.
     */
    public static Indicator guess(String text, long validUntil) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return url(t, validUntil);
        }
        int slash = t.indexOf('/');
        if (slash > 0 && com.google.common.net.InetAddresses.isInetAddress(t.substring(0, slash))) {
            return cidr(t, validUntil);
        }
        if (com.google.common.net.InetAddresses.isInetAddress(t)) {
            return new Indicator(Kind.IP, com.google.common.net.InetAddresses.toAddrString(
                    com.google.common.net.InetAddresses.forString(t)), validUntil);
        }
        String hex = lower.replace(":", "");
        if (MD5.matcher(lower).matches()) {
            return new Indicator(Kind.MD5_FINGERPRINT, lower, validUntil);
        }
        if (SHA1_HEX.matcher(hex).matches()) {
            return new Indicator(Kind.SHA1, hex, validUntil);
        }
        if (SHA256_HEX.matcher(hex).matches()) {
            return new Indicator(Kind.SHA256, hex, validUntil);
        }
        if (JA4_TEXT.matcher(lower).matches()) {
            return new Indicator(Kind.JA4, lower, validUntil);
        }
        String name = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        if (name.startsWith("*.")) {
            name = name.substring(2); // a domain already matches its subdomains
        }
        if (DOMAIN_TEXT.matcher(name).matches()) {
            return new Indicator(Kind.DOMAIN, name, validUntil);
        }
        return null;
    }

    static Indicator cidr(String text, long validUntil) {
        int slash = text.indexOf('/');
        byte[] a = com.google.common.net.InetAddresses.forString(text.substring(0, slash)).getAddress();
        int bits = Integer.parseInt(text.substring(slash + 1).strip());
        if (bits < 0 || bits > a.length * 8) {
            throw new IllegalArgumentException("prefix length " + bits + " out of range in " + text);
        }
        for (int i = 0; i < a.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            a[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return new Indicator(Kind.CIDR, com.google.common.net.InetAddresses.toAddrString(java.net.InetAddress.getByAddress(a))
                    + "/" + bits, validUntil);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Indicator url(String text, long validUntil) {
        String t = text.strip();
        int scheme = t.indexOf("://");
        String rest = t.substring(scheme + 3);
        int path = rest.indexOf('/');
        String host = (path < 0 ? rest : rest.substring(0, path)).toLowerCase(Locale.ROOT);
        String tail = path < 0 ? "/" : rest.substring(path);
        return new Indicator(Kind.URL, host + tail, validUntil);
    }
}
