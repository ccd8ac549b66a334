package io.telltale.analysis.dissect.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/**
 * JA3, JA3S (Salesforce, BSD-3) and JA4 (FoxIO, BSD-3; only JA4 itself, whose licence allows it) from
 * parsed hellos, as ../shared/reference/peers.md §c.6–c.7 spells them out. GREASE is ignored.
 */
final class Fingerprints {

    private Fingerprints() {
    }

    static String ja3(Hello c) {
        String text = c.legacyVersion + "," + join(c.ciphers) + "," + join(c.extensions) + "," + join(c.groups) + ","
                + join(c.pointFormats);
        return md5(text);
    }

    static String ja3s(Hello s) {
        return md5(s.legacyVersion + "," + join(s.ciphers) + "," + join(s.extensions));
    }

    /** {@code a_b_c}; {@code quic} selects the {@code q} prefix. */
    static String ja4(Hello c, boolean quic) {
        List<Integer> ciphers = withoutGrease(c.ciphers);
        List<Integer> extensions = withoutGrease(c.extensions);
        StringBuilder a = new StringBuilder(10);
        a.append(quic ? 'q' : 't').append(version(c)).append(toDomain(c) ? 'd' : 'i');
        twoDigits(a, Math.min(99, ciphers.size()));
        twoDigits(a, Math.min(99, extensions.size()));
        a.append(alpn(c.alpn.isEmpty() ? null : c.alpn.getFirst()));
        String b = ciphers.isEmpty() ? "000000000000" : sha256Prefix(sortedHex(ciphers));
        List<Integer> rest = new ArrayList<>(extensions);
        rest.removeIf(e -> e == Hello.EXT_SERVER_NAME || e == Hello.EXT_ALPN);
        String cPart;
        if (extensions.isEmpty()) {
            cPart = "000000000000";
        } else {
            String text = sortedHex(rest);
            List<Integer> signatures = c.signatureAlgorithms;
            if (!signatures.isEmpty()) {
                StringJoiner s = new StringJoiner(",");
                signatures.forEach(v -> s.add(hex4(v)));
                text = text + "_" + s;
            }
            cPart = sha256Prefix(text);
        }
        return a + "_" + b + "_" + cPart;
    }

    /**
     * {@code d} when the client named a server, {@code i} when it connects to a bare address: no SNI,
     * or (against RFC 6066 §3, but seen in the wild) an IP literal in the SNI, which nDPI also counts
     * as an address.
     */
    private static boolean toDomain(Hello c) {
        if (!c.extensions.contains(Hello.EXT_SERVER_NAME)) {
            return false;
        }
        String name = c.serverName;
        return name == null || !(digitsAndDots(name) || name.contains(":"));
    }

    /** Only digits and dots, as an IPv4 literal is (and not empty); checked by hand: asked of every ClientHello. */
    private static boolean digitsAndDots(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !name.isEmpty();
    }

    /** The highest non-GREASE supported_versions value, else the hello's version. */
    private static String version(Hello c) {
        int version = c.legacyVersion;
        List<Integer> supported = withoutGrease(c.supportedVersions);
        if (!supported.isEmpty()) {
            version = supported.stream().mapToInt(Integer::intValue).max().orElse(version);
        }
        return switch (version) {
            case 0x0304 -> "13";
            case 0x0303 -> "12";
            case 0x0302 -> "11";
            case 0x0301 -> "10";
            case 0x0300 -> "s3";
            case 0x0002 -> "s2";
            case 0xfeff -> "d1";
            case 0xfefd -> "d2";
            case 0xfefc -> "d3";
            default -> "00";
        };
    }

    /** First and last character of the first ALPN value; its hex form when either is not alphanumeric. */
    private static String alpn(String first) {
        if (first == null || first.isEmpty()) {
            return "00";
        }
        char head = first.charAt(0);
        char tail = first.charAt(first.length() - 1);
        if (alphanumeric(head) && alphanumeric(tail)) {
            return "" + head + tail;
        }
        String hex = HexFormat.of().formatHex(first.getBytes(StandardCharsets.ISO_8859_1));
        return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
    }

    private static boolean alphanumeric(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static List<Integer> withoutGrease(List<Integer> values) {
        List<Integer> out = new ArrayList<>(values.size());
        for (int v : values) {
            if (!Hello.grease(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static String sortedHex(List<Integer> values) {
        StringJoiner j = new StringJoiner(",");
        values.stream().map(Fingerprints::hex4).sorted().forEach(j::add);
        return j.toString();
    }

    /** Four lower-case hex digits, as {@code %04x} gives them: a Formatter per value was 2 % of reading a TLS-rich capture. */
    private static String hex4(int value) {
        return HEX.toHexDigits((short) value);
    }

    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    /** Two decimal digits, as {@code %02d} gives them for 0 to 99. */
    private static void twoDigits(StringBuilder b, int value) {
        b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    private static String join(List<Integer> values) {
        StringJoiner j = new StringJoiner("-");
        for (int v : values) {
            if (!Hello.grease(v)) {
                j.add(Integer.toString(v));
            }
        }
        return j.toString();
    }

    private static String md5(String text) {
        return HexFormat.of().formatHex(digest("MD5").digest(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String sha256Prefix(String text) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII))).substring(0, 12);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}
