package io.telltale.testdata.payload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** A growing big-endian byte buffer, and random content helpers. */
public final class Bytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Bytes u8(int v) {
        out.write(v);
        return this;
    }

    public Bytes u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    public Bytes u24(int v) {
        return u8(v >>> 16).u16(v);
    }

    public Bytes u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    public Bytes u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    public Bytes le16(int v) {
        return u8(v).u8(v >>> 8);
    }

    public Bytes le32(long v) {
        return le16((int) v).le16((int) (v >>> 16));
    }

    public Bytes le64(long v) {
        return le32(v).le32(v >>> 32);
    }

    public Bytes put(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    public Bytes ascii(String s) {
        return put(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Bytes zeros(int n) {
        return put(new byte[n]);
    }

    public int size() {
        return out.size();
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** {@code n} bytes that look compressed or encrypted. */
    public static byte[] random(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    public static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] concat(byte[]... parts) {
        Bytes b = new Bytes();
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.bytes();
    }
}
