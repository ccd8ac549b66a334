package io.telltale.testdata.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Header builders: each returns its header with the payload behind it, lengths and checksums filled
 * in (IPv4 header checksum; TCP, UDP and ICMPv6 over the pseudo-header of RFC 793/768/8200 §8.1;
 * ICMPv4 over the message).
 */
public final class Headers {

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_IPV6 = 0x86dd;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_IPV6 = 41;
    public static final int PROTO_ICMPV6 = 58;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private Headers() {
    }

    /** An Ethernet II frame, 802.1Q-tagged when {@code vlan} is positive. */
    public static byte[] ethernet(byte[] dst, byte[] src, int vlan, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + (vlan > 0 ? 4 : 0) + payload.length);
        b.put(dst).put(src);
        if (vlan > 0) {
            b.putShort((short) ETHERTYPE_VLAN).putShort((short) (vlan & 0xfff));
        }
        return b.putShort((short) etherType).put(payload).array();
    }

    /** An IPv4 or IPv6 packet, by the family of the addresses (both must agree). */
    public static byte[] ip(InetAddress src, InetAddress dst, int protocol, int ttl, int id, byte[] payload) {
        return src instanceof Inet6Address ? ipv6(src, dst, protocol, ttl, payload) : ipv4(src, dst, protocol, ttl, id, payload);
    }

    static byte[] ipv4(InetAddress src, InetAddress dst, int protocol, int ttl, int id, byte[] payload) {
        byte[] h = ByteBuffer.allocate(20).put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length))
                .putShort((short) id).putShort((short) 0x4000) // DF, as modern stacks send
                .put((byte) ttl).put((byte) protocol).putShort((short) 0).put(src.getAddress()).put(dst.getAddress())
                .array();
        int sum = new Checksum().add(h, 0, 20).value();
        h[10] = (byte) (sum >>> 8);
        h[11] = (byte) sum;
        return ByteBuffer.allocate(20 + payload.length).put(h).put(payload).array();
    }

    static byte[] ipv6(InetAddress src, InetAddress dst, int nextHeader, int hopLimit, byte[] payload) {
        return ByteBuffer.allocate(40 + payload.length).putInt(0x6000_0000).putShort((short) payload.length)
                .put((byte) nextHeader).put((byte) hopLimit).put(src.getAddress()).put(dst.getAddress()).put(payload)
                .array();
    }

    public static byte[] tcp(InetAddress src, InetAddress dst, int srcPort, int dstPort, long seq, long ack, int flags,
                             int window, byte[] options, byte[] payload) {
        int headerLength = 20 + options.length;
        byte[] t = ByteBuffer.allocate(headerLength + payload.length).putShort((short) srcPort).putShort((short) dstPort)
                .putInt((int) seq).putInt((int) ack).put((byte) ((headerLength / 4) << 4)).put((byte) flags)
                .putShort((short) window).putShort((short) 0).putShort((short) 0).put(options).put(payload).array();
        int sum = pseudo(src, dst, PROTO_TCP, t.length).add(t, 0, t.length).value();
        t[16] = (byte) (sum >>> 8);
        t[17] = (byte) sum;
        return t;
    }

    public static byte[] udp(InetAddress src, InetAddress dst, int srcPort, int dstPort, byte[] payload) {
        byte[] u = ByteBuffer.allocate(8 + payload.length).putShort((short) srcPort).putShort((short) dstPort)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
        int sum = pseudo(src, dst, PROTO_UDP, u.length).add(u, 0, u.length).value();
        if (sum == 0) {
            sum = 0xffff; // a computed zero is sent as all ones (RFC 768)
        }
        u[6] = (byte) (sum >>> 8);
        u[7] = (byte) sum;
        return u;
    }

    /** An ICMP (IPv4) or ICMPv6 message with a 16-bit id and sequence (echo, and the like). */
    public static byte[] icmp(InetAddress src, InetAddress dst, int type, int code, int id, int sequence, byte[] payload) {
        byte[] m = ByteBuffer.allocate(8 + payload.length).put((byte) type).put((byte) code).putShort((short) 0)
                .putShort((short) id).putShort((short) sequence).put(payload).array();
        Checksum c = src instanceof Inet4Address ? new Checksum() : pseudo(src, dst, PROTO_ICMPV6, m.length);
        int sum = c.add(m, 0, m.length).value();
        m[2] = (byte) (sum >>> 8);
        m[3] = (byte) sum;
        return m;
    }

    private static Checksum pseudo(InetAddress src, InetAddress dst, int protocol, int length) {
        byte[] s = src.getAddress();
        byte[] d = dst.getAddress();
        Checksum c = new Checksum().add(s, 0, s.length).add(d, 0, d.length);
        return src instanceof Inet6Address ? c.add32(length).add32(protocol) : c.add16(protocol).add16(length);
    }
}
