package io.telltale.dashboard.output;

import java.util.Map;

/**
 * IANA names of the TLS cipher suites and key-exchange groups an analyst meets, as Zeek's ssl.log
 * prints them; a number not listed is printed in hex ({@code 0xc0ff}) rather than guessed.
 */
final class TlsNames {

    private static final Map<Integer, String> CIPHERS = Map.ofEntries(
            Map.entry(0x0004, "TLS_RSA_WITH_RC4_128_MD5"),
            Map.entry(0x0005, "TLS_RSA_WITH_RC4_128_SHA"),
            Map.entry(0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"),
            Map.entry(0x1301, "TLS_AES_128_GCM_SHA256"),
            Map.entry(0x1302, "TLS_AES_256_GCM_SHA384"),
            Map.entry(0x1303, "TLS_CHACHA20_POLY1305_SHA256"),
            Map.entry(0x1304, "TLS_AES_128_CCM_SHA256"),
            Map.entry(0x1305, "TLS_AES_128_CCM_8_SHA256"),
            Map.entry(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA"),
            Map.entry(0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"),
            Map.entry(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            Map.entry(0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry(0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            Map.entry(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));

    private static final Map<Integer, String> GROUPS = Map.ofEntries(
            Map.entry(0x0017, "secp256r1"),
            Map.entry(0x0018, "secp384r1"),
            Map.entry(0x0019, "secp521r1"),
            Map.entry(0x001d, "x25519"),
            Map.entry(0x001e, "x448"),
            Map.entry(0x0100, "ffdhe2048"),
            Map.entry(0x0101, "ffdhe3072"),
            Map.entry(0x0102, "ffdhe4096"),
            Map.entry(0x11ec, "X25519MLKEM768"),
            Map.entry(0x6399, "X25519Kyber768Draft00"));

    private TlsNames() {
    }

    static String cipher(int suite) {
        if (suite < 0) {
            return null;
        }
        String name = CIPHERS.get(suite); // not getOrDefault: its default would be formatted on every call
        return name != null ? name : String.format("0x%04x", suite);
    }

    static String group(int group) {
        if (group < 0) {
            return null;
        }
        String name = GROUPS.get(group);
        return name != null ? name : String.format("0x%04x", group);
    }
}
