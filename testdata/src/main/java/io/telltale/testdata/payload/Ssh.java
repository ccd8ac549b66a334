package io.telltale.testdata.payload;

import java.util.Random;

/** The clear start of SSH (RFC 4253): banners and KEXINIT; what follows is encrypted packets of random bytes. */
public final class Ssh {

    private Ssh() {
    }

    public static byte[] banner(String software) {
        return Bytes.text("SSH-2.0-" + software + "\r\n");
    }

    public static byte[] kexInit(Random random, String kex, String hostKey, String ciphers, String macs) {
        Bytes p = new Bytes().u8(20).put(Bytes.random(random, 16));
        for (String list : new String[] {kex, hostKey, ciphers, ciphers, macs, macs, "none,zlib@openssh.com",
            "none,zlib@openssh.com", "", ""}) {
            p.u32(list.length()).ascii(list);
        }
        p.u8(0).u32(0);
        return packet(p.bytes(), random);
    }

    /** The client's curve25519 key (SSH_MSG_KEX_ECDH_INIT, RFC 5656 §4), in the clear. */
    public static byte[] ecdhInit(Random random) {
        return packet(new Bytes().u8(30).u32(32).put(Bytes.random(random, 32)).bytes(), random);
    }

    /** The server's host key (ssh-ed25519), its curve25519 key and signature (SSH_MSG_KEX_ECDH_REPLY). */
    public static byte[] ecdhReply(Random random) {
        byte[] hostKey = new Bytes().u32(11).ascii("ssh-ed25519").u32(32).put(Bytes.random(random, 32)).bytes();
        byte[] signature = new Bytes().u32(11).ascii("ssh-ed25519").u32(64).put(Bytes.random(random, 64)).bytes();
        return packet(new Bytes().u8(31).u32(hostKey.length).put(hostKey).u32(32).put(Bytes.random(random, 32))
                .u32(signature.length).put(signature).bytes(), random);
    }

    /** SSH_MSG_NEWKEYS: from here on each side encrypts. */
    public static byte[] newKeys(Random random) {
        return packet(new byte[] {21}, random);
    }

    /** A binary packet (length, padding length, payload, padding to a multiple of 8, at least 4). */
    static byte[] packet(byte[] payload, Random random) {
        int padding = 8 - ((5 + payload.length) % 8);
        if (padding < 4) {
            padding += 8;
        }
        return new Bytes().u32(1 + payload.length + padding).u8(padding).put(payload).put(Bytes.random(random, padding)).bytes();
    }

    /** An encrypted packet as it crosses: 4-byte length then ciphertext and a 16-byte tag (AES-GCM). */
    public static byte[] encrypted(int payloadBytes, Random random) {
        int length = ((payloadBytes + 5 + 15) / 16) * 16;
        return new Bytes().u32(length).put(Bytes.random(random, length + 16)).bytes();
    }
}
