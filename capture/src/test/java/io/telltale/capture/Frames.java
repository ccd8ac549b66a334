package io.telltale.capture;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Builds frames for tests, layer by layer, in network byte order. Checksums are left at zero. */
public final class Frames {

    private Frames() {
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] u16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    public static byte[] u32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    public static byte[] hex(String text) {
        String digits = text.replaceAll("//[^\\n]*", "").replaceAll("\\s", "");
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    public static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static byte[] ethernet(int etherType, byte[] payload) {
        return concat(hex("020000000002 020000000001"), u16(etherType), payload);
    }

    public static byte[] vlan(int id, int etherType, byte[] payload) {
        return concat(u16(id), u16(etherType), payload);
    }

    public static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        return ipv4(src, dst, protocol, 1, 0, false, payload);
    }

    /** IPv4 header without options; {@code fragmentOffset} in bytes (a multiple of 8). */
    public static byte[] ipv4(String src, String dst, int protocol, int id, int fragmentOffset, boolean moreFragments,
                              byte[] payload) {
        int total = 20 + payload.length;
        int flags = (moreFragments ? 0x2000 : 0) | (fragmentOffset / 8);
        return concat(new byte[] {0x45, 0}, u16(total), u16(id), u16(flags), new byte[] {64, (byte) protocol, 0, 0},
                address(src), address(dst), payload);
    }

    public static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        return concat(hex("60000000"), u16(payload.length), new byte[] {(byte) nextHeader, 64}, address(src),
                address(dst), payload);
    }

    public static byte[] tcp(int srcPort, int dstPort, int seq, int ack, int flags, byte[] payload) {
        return concat(u16(srcPort), u16(dstPort), u32(seq), u32(ack), new byte[] {0x50, (byte) flags}, u16(65535),
                u16(0), u16(0), payload);
    }

    public static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        return concat(u16(srcPort), u16(dstPort), u16(8 + payload.length), u16(0), payload);
    }

    public static byte[] icmp(int type, int code, byte[] payload) {
        return concat(new byte[] {(byte) type, (byte) code, 0, 0, 0, 1, 0, 1}, payload);
    }

    public static MemorySegment segment(byte[] bytes) {
        return MemorySegment.ofArray(bytes);
    }
}
