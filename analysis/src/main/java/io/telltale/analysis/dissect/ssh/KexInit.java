package io.telltale.analysis.dissect.ssh;

import java.nio.charset.StandardCharsets;

/**
 * The name-lists of an SSH_MSG_KEXINIT payload (RFC 4253 §7.1), parsed from a byte array without
 * trusting any length in it.
 *
 * <pre>
 * byte 20 | byte[16] cookie | name-list kex, host key, cipher c2s, cipher s2c, mac c2s, mac s2c,
 *                             compression c2s, compression s2c, language c2s, language s2c | ...
 * </pre>
 */
record KexInit(String kex, String hostKey, String cipherClientToServer, String cipherServerToClient,
               String macClientToServer, String macServerToClient, String compressionClientToServer,
               String compressionServerToClient) {

    static final int MESSAGE_KEXINIT = 20;
    static final int LISTS = 10;

    /** Parses {@code payload[from, to)}, which starts with the message code; null when malformed. */
    static KexInit parse(byte[] payload, int from, int to) {
        if (to - from < 17 || (payload[from] & 0xff) != MESSAGE_KEXINIT) {
            return null;
        }
        String[] lists = new String[LISTS];
        int at = from + 17;
        for (int i = 0; i < LISTS; i++) {
            if (to - at < 4) {
                return null;
            }
            long length = ((payload[at] & 0xffL) << 24) | ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8)
                    | (payload[at + 3] & 0xff);
            at += 4;
            if (length > to - at) {
                return null;
            }
            lists[i] = new String(payload, at, (int) length, StandardCharsets.ISO_8859_1);
            at += (int) length;
        }
        return new KexInit(lists[0], lists[1], lists[2], lists[3], lists[4], lists[5], lists[6], lists[7]);
    }

    /** The first algorithm of the client's list that the server also offers (RFC 4253 §7.1). */
    static String negotiate(String client, String server) {
        if (client == null || server == null) {
            return null;
        }
        java.util.Set<String> offered = java.util.Set.of(server.split(",", -1));
        for (String name : client.split(",", -1)) {
            if (offered.contains(name)) {
                return name;
            }
        }
        return null;
    }
}
