package io.telltale.analysis.dissect.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ClientHello or ServerHello body (RFC 8446 §4.1.2–4.1.3), read from a byte array without
 * trusting any length in it. Values keep their wire order; GREASE is removed only when fingerprints
 * are computed.
 */
final class Hello {

    static final int EXT_SERVER_NAME = 0;
    static final int EXT_SUPPORTED_GROUPS = 10;
    static final int EXT_EC_POINT_FORMATS = 11;
    static final int EXT_SIGNATURE_ALGORITHMS = 13;
    static final int EXT_ALPN = 16;
    static final int EXT_SUPPORTED_VERSIONS = 43;
    static final int EXT_KEY_SHARE = 51;

    int legacyVersion;
    final List<Integer> ciphers = new ArrayList<>();
    final List<Integer> extensions = new ArrayList<>();
    final List<Integer> groups = new ArrayList<>();
    final List<Integer> pointFormats = new ArrayList<>();
    final List<Integer> signatureAlgorithms = new ArrayList<>();
    final List<Integer> supportedVersions = new ArrayList<>();
    final List<String> alpn = new ArrayList<>();
    String serverName;
    /** The group of the server's key share (TLS 1.3), or -1. */
    int keyShareGroup = -1;

    /** A ClientHello body; null when malformed. */
    static Hello client(byte[] b, int from, int to) {
        Hello h = new Hello();
        Reader r = new Reader(b, from, to);
        h.legacyVersion = r.u16();
        r.skip(32);
        r.skip(r.u8());
        int cipherBytes = r.u16();
        // a reader that already ran out stays put: without this check a cut-short hello looped for ever
        // here, adding zeros until the heap was gone (found by DissectorFuzzTest)
        if (r.failed() || cipherBytes % 2 != 0 || !r.has(cipherBytes)) {
            return null;
        }
        int ciphersEnd = r.position() + cipherBytes;
        while (r.position() < ciphersEnd) {
            h.ciphers.add(r.u16());
        }
        r.skip(r.u8());
        if (r.failed()) {
            return null;
        }
        if (r.position() < to && !h.readExtensions(r, true)) {
            return null;
        }
        return r.failed() ? null : h;
    }

    /** A ServerHello body; null when malformed. */
    static Hello server(byte[] b, int from, int to) {
        Hello h = new Hello();
        Reader r = new Reader(b, from, to);
        h.legacyVersion = r.u16();
        r.skip(32);
        // TLS 1.3 drafts before 22 (version 0x7fNN) had neither session id nor compression here.
        boolean earlyDraft = (h.legacyVersion >>> 8) == 0x7f && (h.legacyVersion & 0xff) < 22;
        if (!earlyDraft) {
            r.skip(r.u8());
        }
        h.ciphers.add(r.u16());
        if (!earlyDraft) {
            r.skip(1);
        }
        if (r.failed()) {
            return null;
        }
        if (r.position() < to && !h.readExtensions(r, false)) {
            return null;
        }
        return r.failed() ? null : h;
    }

    private boolean readExtensions(Reader r, boolean client) {
        int total = r.u16();
        if (!r.has(total)) {
            return false;
        }
        int end = r.position() + total;
        for (int i = 0; r.position() + 4 <= end && i < 512; i++) {
            int type = r.u16();
            int length = r.u16();
            if (r.position() + length > end) {
                return false;
            }
            extensions.add(type);
            Reader e = r.slice(length);
            switch (type) {
                case EXT_SERVER_NAME -> {
                    if (client) {
                        e.u16();
                        if (e.u8() == 0) {
                            int n = e.u16();
                            serverName = e.text(n);
                        }
                    }
                }
                case EXT_SUPPORTED_GROUPS -> e.u16List(e.u16(), groups);
                case EXT_EC_POINT_FORMATS -> {
                    int n = e.u8();
                    for (int k = 0; k < n && e.has(1); k++) {
                        pointFormats.add(e.u8());
                    }
                }
                case EXT_SIGNATURE_ALGORITHMS -> e.u16List(e.u16(), signatureAlgorithms);
                case EXT_ALPN -> {
                    int listEnd = e.position() + 2 + e.peekU16();
                    e.u16();
                    while (e.position() < listEnd && e.has(1) && !e.failed()) {
                        String protocol = e.text(e.u8());
                        if (protocol == null) {
                            break; // a protocol name running past the extension: what came before stands
                        }
                        alpn.add(protocol);
                    }
                }
                case EXT_KEY_SHARE -> {
                    if (!client && e.has(2)) {
                        keyShareGroup = e.u16(); // ServerHello: one entry; HelloRetryRequest: the group alone
                    }
                }
                case EXT_SUPPORTED_VERSIONS -> {
                    if (client) {
                        e.u16List(e.u8(), supportedVersions);
                    } else {
                        supportedVersions.add(e.u16());
                    }
                }
                default -> {
                    // other extensions count for the fingerprints by type only
                }
            }
            r.skip(length);
        }
        return true;
    }

    /** GREASE values (RFC 8701): 0x?a?a with both bytes equal. */
    static boolean grease(int value) {
        return (value & 0x0f0f) == 0x0a0a && (value >>> 8) == (value & 0xff);
    }

    /** Bounded big-endian reads; any overrun sets {@link #failed()} instead of throwing. */
    static final class Reader {
        private final byte[] b;
        private int at;
        private final int end;
        private boolean failed;

        Reader(byte[] b, int from, int to) {
            this.b = b;
            this.at = from;
            this.end = to;
        }

        boolean has(int n) {
            return n >= 0 && at + n <= end;
        }

        int position() {
            return at;
        }

        boolean failed() {
            return failed;
        }

        int u8() {
            if (!has(1)) {
                failed = true;
                return 0;
            }
            return b[at++] & 0xff;
        }

        int u16() {
            if (!has(2)) {
                failed = true;
                at = end;
                return 0;
            }
            int v = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
            at += 2;
            return v;
        }

        int peekU16() {
            return has(2) ? ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff) : 0;
        }

        void skip(int n) {
            if (!has(n)) {
                failed = true;
                at = end;
                return;
            }
            at += n;
        }

        Reader slice(int n) {
            return new Reader(b, at, Math.min(end, at + n));
        }

        String text(int n) {
            if (!has(n)) {
                failed = true;
                return null;
            }
            String s = new String(b, at, n, StandardCharsets.ISO_8859_1);
            at += n;
            return s;
        }

        void u16List(int bytes, List<Integer> out) {
            int stop = Math.min(end, at + bytes);
            while (at + 2 <= stop) {
                out.add(u16());
            }
        }
    }
}
