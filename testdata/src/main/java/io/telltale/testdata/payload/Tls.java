package io.telltale.testdata.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * TLS handshakes as two real client stacks send them (RFC 5246 / 8446 layouts): Windows 10 Schannel
 * (TLS 1.2, its cipher and extension order) and OpenSSL 1.1.1 as embedded Linux software links it
 * (TLS 1.3 capable, key share for X25519). The server side: ServerHello, certificate chain,
 * ECDHE key exchange and Finished for TLS 1.2, or ServerHello and encrypted records for TLS 1.3.
 * Keys, signatures and encrypted bytes are random: nobody can or needs to decrypt them.
 */
public final class Tls {

    /** Which client stack writes the ClientHello. */
    public enum Client {
        WINDOWS_SCHANNEL, EMBEDDED_OPENSSL
    }

    private static final int[] SCHANNEL_CIPHERS = {0xc02c, 0xc02b, 0xc030, 0xc02f, 0xc024, 0xc023, 0xc028, 0xc027, 0xc00a,
        0xc009, 0xc014, 0xc013, 0x009d, 0x009c, 0x003d, 0x003c, 0x0035, 0x002f, 0x000a};
    private static final int[] OPENSSL_CIPHERS = {0x1302, 0x1303, 0x1301, 0xc02c, 0xc030, 0x009f, 0xcca9, 0xcca8, 0xccaa,
        0xc02b, 0xc02f, 0x009e, 0xc024, 0xc028, 0x006b, 0xc023, 0xc027, 0x0067, 0xc00a, 0xc014, 0x0039, 0xc009, 0xc013,
        0x0033, 0x009d, 0x009c, 0x003d, 0x003c, 0x0035, 0x002f, 0x00ff};
    private static final int[] SCHANNEL_SIGNATURES = {0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0201, 0x0403, 0x0503, 0x0203,
        0x0202, 0x0601, 0x0603};
    private static final int[] OPENSSL_SIGNATURES = {0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0809, 0x080a, 0x080b, 0x0804,
        0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0303, 0x0203, 0x0301, 0x0201, 0x0302, 0x0202, 0x0402, 0x0502, 0x0602};

    /** One message of the exchange: who sends it and its bytes (whole records). */
    public record Step(boolean fromClient, byte[] bytes) {
    }

    private Tls() {
    }

    /** A ClientHello record; {@code serverName} null for none (a connection straight to an address). */
    public static byte[] clientHello(Client client, String serverName, List<String> alpn, Random random) {
        Bytes ext = new Bytes();
        if (serverName != null) {
            byte[] n = Bytes.text(serverName);
            ext.put(extension(0, new Bytes().u16(n.length + 3).u8(0).u16(n.length).put(n).bytes()));
        }
        int[] ciphers;
        boolean tls13 = client == Client.EMBEDDED_OPENSSL;
        if (client == Client.WINDOWS_SCHANNEL) {
            ciphers = SCHANNEL_CIPHERS;
            ext.put(extension(5, new byte[] {1, 0, 0, 0, 0}));
            ext.put(extension(10, list16(new int[] {0x001d, 0x0017, 0x0018})));
            ext.put(extension(11, new byte[] {1, 0}));
            ext.put(extension(13, list16(SCHANNEL_SIGNATURES)));
            ext.put(extension(35, new byte[0]));
            if (!alpn.isEmpty()) {
                ext.put(extension(16, alpn(alpn)));
            }
            ext.put(extension(23, new byte[0]));
            ext.put(extension(0xff01, new byte[] {0}));
        } else {
            ciphers = OPENSSL_CIPHERS;
            ext.put(extension(11, new byte[] {3, 0, 1, 2}));
            ext.put(extension(10, list16(new int[] {0x001d, 0x0017, 0x001e, 0x0019, 0x0018})));
            ext.put(extension(35, new byte[0]));
            if (!alpn.isEmpty()) {
                ext.put(extension(16, alpn(alpn)));
            }
            ext.put(extension(22, new byte[0]));
            ext.put(extension(23, new byte[0]));
            ext.put(extension(13, list16(OPENSSL_SIGNATURES)));
            ext.put(extension(43, new byte[] {4, 3, 4, 3, 3}));
            ext.put(extension(45, new byte[] {1, 1}));
            ext.put(extension(51, new Bytes().u16(36).u16(0x001d).u16(32).put(Bytes.random(random, 32)).bytes()));
        }
        Bytes hello = new Bytes().u16(0x0303).put(Bytes.random(random, 32)).u8(32).put(Bytes.random(random, 32));
        hello.u16(ciphers.length * 2);
        for (int c : ciphers) {
            hello.u16(c);
        }
        hello.u8(1).u8(0).u16(ext.size()).put(ext.bytes());
        return record(22, tls13 ? 0x0301 : 0x0303, handshake(1, hello.bytes()));
    }

    /**
     * The rest of a TLS 1.2 handshake after the ClientHello: the server's hello, certificates (DER,
     * leaf first), ECDHE key exchange and done; the client's key exchange, change-cipher-spec and
     * Finished; the server's change-cipher-spec and Finished.
     */
    public static List<Step> tls12Rest(int cipher, String alpnChosen, List<byte[]> chain, Random random) {
        Bytes ext = new Bytes().put(extension(0xff01, new byte[] {0})).put(extension(11, new byte[] {1, 0}))
                .put(extension(23, new byte[0]));
        if (alpnChosen != null) {
            ext.put(extension(16, alpn(List.of(alpnChosen))));
        }
        byte[] serverHello = handshake(2, new Bytes().u16(0x0303).put(Bytes.random(random, 32)).u8(32)
                .put(Bytes.random(random, 32)).u16(cipher).u8(0).u16(ext.size()).put(ext.bytes()).bytes());
        Bytes certs = new Bytes();
        for (byte[] der : chain) {
            certs.u24(der.length).put(der);
        }
        byte[] certificate = handshake(11, new Bytes().u24(certs.size()).put(certs.bytes()).bytes());
        byte[] keyExchange = handshake(12, new Bytes().u8(3).u16(0x001d).u8(32).put(Bytes.random(random, 32)).u16(0x0403)
                .u16(72).put(Bytes.random(random, 72)).bytes());
        byte[] done = handshake(14, new byte[0]);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(false, record(22, 0x0303, Bytes.concat(serverHello, certificate, keyExchange, done))));
        steps.add(new Step(true, Bytes.concat(record(22, 0x0303, handshake(16, new Bytes().u8(32).put(Bytes.random(random, 32))
                .bytes())), record(20, 0x0303, new byte[] {1}), record(22, 0x0303, Bytes.random(random, 40)))));
        steps.add(new Step(false, Bytes.concat(record(20, 0x0303, new byte[] {1}), record(22, 0x0303, Bytes.random(random, 40)))));
        return steps;
    }

    /** The server's answer to a TLS 1.3 ClientHello: ServerHello, change-cipher-spec, encrypted flight; then the client's. */
    public static List<Step> tls13Rest(int cipher, Random random) {
        Bytes ext = new Bytes().put(extension(43, new byte[] {3, 4}))
                .put(extension(51, new Bytes().u16(0x001d).u16(32).put(Bytes.random(random, 32)).bytes()));
        byte[] serverHello = handshake(2, new Bytes().u16(0x0303).put(Bytes.random(random, 32)).u8(32)
                .put(Bytes.random(random, 32)).u16(cipher).u8(0).u16(ext.size()).put(ext.bytes()).bytes());
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(false, Bytes.concat(record(22, 0x0303, serverHello), record(20, 0x0303, new byte[] {1}),
                record(23, 0x0303, Bytes.random(random, 2_400 + random.nextInt(800))))));
        steps.add(new Step(true, Bytes.concat(record(20, 0x0303, new byte[] {1}), record(23, 0x0303, Bytes.random(random, 74)))));
        return steps;
    }

    /** {@code size} bytes of application data as records of at most 16 KiB of ciphertext each. */
    public static byte[] applicationData(int size, Random random) {
        Bytes b = new Bytes();
        for (int left = size; left > 0; left -= 16_408) {
            b.put(record(23, 0x0303, Bytes.random(random, Math.min(left, 16_408))));
        }
        return b.bytes();
    }

    static byte[] record(int type, int version, byte[] body) {
        return new Bytes().u8(type).u16(version).u16(body.length).put(body).bytes();
    }

    static byte[] handshake(int type, byte[] body) {
        return new Bytes().u8(type).u24(body.length).put(body).bytes();
    }

    static byte[] extension(int type, byte[] body) {
        return new Bytes().u16(type).u16(body.length).put(body).bytes();
    }

    static byte[] list16(int[] values) {
        Bytes b = new Bytes().u16(values.length * 2);
        for (int v : values) {
            b.u16(v);
        }
        return b.bytes();
    }

    static byte[] alpn(List<String> protocols) {
        Bytes list = new Bytes();
        for (String p : protocols) {
            list.u8(p.length()).ascii(p);
        }
        return new Bytes().u16(list.size()).put(list.bytes()).bytes();
    }
}
