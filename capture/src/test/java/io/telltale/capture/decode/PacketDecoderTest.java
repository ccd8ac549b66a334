package io.telltale.capture.decode;

import static io.telltale.capture.Frames.concat;
import static io.telltale.capture.Frames.ethernet;
import static io.telltale.capture.Frames.hex;
import static io.telltale.capture.Frames.ipv4;
import static io.telltale.capture.Frames.ipv6;
import static io.telltale.capture.Frames.tcp;
import static io.telltale.capture.Frames.u16;
import static io.telltale.capture.Frames.u32;
import static io.telltale.capture.Frames.udp;
import static io.telltale.capture.Frames.vlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.capture.Frames;
import io.telltale.capture.decode.fragment.FragmentConfig;
import io.telltale.capture.flow.Addresses;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {

    private final DecodeStats stats = new DecodeStats();
    private final PacketDecoder decoder = new PacketDecoder(stats, FragmentConfig.DEFAULTS);
    private final DecodedPacket p = new DecodedPacket();

    private static final byte[] SYN = tcp(40000, 443, 1000, 0, 0x02, new byte[0]);

    private int decode(byte[] frame, int linkType) {
        return decoder.decode(1_000_000_000L, frame.length, Frames.segment(frame), 0, frame.length, linkType, p);
    }

    private void assertTcpTo443(String src, String dst) {
        assertThat(p.protocol).isEqualTo(6);
        assertThat(p.srcPort).isEqualTo(40000);
        assertThat(p.dstPort).isEqualTo(443);
        assertThat(Addresses.text(p.srcHigh, p.srcLow)).isEqualTo(src);
        assertThat(Addresses.text(p.dstHigh, p.dstLow)).isEqualTo(dst);
        assertThat(p.tcpFlags).isEqualTo(0x02);
    }

    @Test
    void ethernetIpv4Tcp() {
        assertThat(decode(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, SYN)), LinkType.EN10MB)).isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("10.0.0.1", "10.0.0.2");
        assertThat(p.ipTotalLength).isEqualTo(40);
        assertThat(p.vlan).isEqualTo(-1);
    }

    @Test
    void arpForIpv4OverEthernetGivesItsBindingAndOtherArpIsJustNotIp() {
        // a reply: 00:1a:aa:07:31:11 has 10.20.30.11, told to 10.20.30.1 (inside a VLAN, as on a SPAN port)
        byte[] arp = hex("0001 0800 06 04 0002 001aaa073111 0a141e0b 00000c9ff01e 0a141e01");
        assertThat(decode(ethernet(0x8100, vlan(30, 0x0806, arp)), LinkType.EN10MB)).isEqualTo(PacketDecoder.ARP);
        assertThat(p.arpOperation).isEqualTo(2);
        assertThat(p.arpSenderMac).isEqualTo(0x001aaa073111L);
        assertThat(p.arpSenderIp).isEqualTo(0x0a141e0b);
        assertThat(p.arpTargetIp).isEqualTo(0x0a141e01);
        assertThat(stats.nonIpFrames()).isEqualTo(1);
        // truncated, or ARP for another hardware type: no binding, still a frame without IP
        assertThat(decode(ethernet(0x0806, java.util.Arrays.copyOf(arp, 20)), LinkType.EN10MB)).isEqualTo(PacketDecoder.NOT_IP);
        byte[] tokenRing = arp.clone();
        tokenRing[1] = 6;
        assertThat(decode(ethernet(0x0806, tokenRing), LinkType.EN10MB)).isEqualTo(PacketDecoder.NOT_IP);
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] frame = concat(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, SYN)), new byte[6]);
        assertThat(decode(frame, LinkType.EN10MB)).isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(p.payloadLength).isZero();
        assertThat(p.payloadCaptured).isZero();
    }

    @Test
    void qinqKeepsBothVlanIds() {
        byte[] frame = ethernet(0x88A8, vlan(13, 0x8100, vlan(10, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, SYN))));
        assertThat(decode(frame, LinkType.EN10MB)).isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(p.vlan).isEqualTo(13);
        assertThat(p.innerVlan).isEqualTo(10);
        assertTcpTo443("10.0.0.1", "10.0.0.2");
    }

    @Test
    void mplsPppoeAndVnTag() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, SYN);
        byte[] mpls = ethernet(0x8847, concat(hex("00010 0 40"), hex("00020 1 40"), ip)); // two labels, bottom set on the second
        assertThat(decode(mpls, LinkType.EN10MB)).isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("10.0.0.1", "10.0.0.2");

        byte[] pppoe = ethernet(0x8864, concat(hex("1100 0001"), u16(ip.length + 2), u16(0x0021), ip));
        assertThat(decode(pppoe, LinkType.EN10MB)).isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("10.0.0.1", "10.0.0.2");

        byte[] vntag = ethernet(0x8926, concat(hex("00000000"), u16(0x0800), ip));
        assertThat(decode(vntag, LinkType.EN10MB)).isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("10.0.0.1", "10.0.0.2");
    }

    @Test
    void otherLinkTypes() {
        byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, SYN);
        byte[] sll = concat(hex("0000 0001 0006 020000000001 0000"), u16(0x0800), ip);
        assertThat(decode(sll, LinkType.LINUX_SLL)).isEqualTo(PacketDecoder.TRANSPORT);
        byte[] sll2 = concat(u16(0x0800), hex("0000 00000002 0001 00 06 020000000001 0000"), ip);
        assertThat(decode(sll2, LinkType.LINUX_SLL2)).isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(decode(ip, LinkType.RAW)).isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(decode(ip, LinkType.IPV4)).isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(decode(concat(hex("02000000"), ip), LinkType.NULL)).isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(decode(concat(hex("00000002"), ip), LinkType.LOOP)).isEqualTo(PacketDecoder.TRANSPORT);
        byte[] v6 = ipv6("2001:db8::1", "2001:db8::2", 6, SYN);
        assertThat(decode(concat(hex("1e000000"), v6), LinkType.NULL)).isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("2001:db8::1", "2001:db8::2");
        assertThat(decode(v6, LinkType.IPV6)).isEqualTo(PacketDecoder.TRANSPORT);
    }

    @Test
    void ipv4OptionsAndIpv6ExtensionHeaders() {
        byte[] withOptions = concat(hex("46 00"), u16(24 + SYN.length), hex("0001 0000 40 06 0000"), Frames.address("10.0.0.1"),
                Frames.address("10.0.0.2"), hex("01010100"), SYN);
        assertThat(decode(withOptions, LinkType.RAW)).isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(p.transportOffset).isEqualTo(24);
        assertTcpTo443("10.0.0.1", "10.0.0.2");

        byte[] hopByHop = concat(new byte[] {60, 0}, hex("010400000000")); // next: destination options
        byte[] destination = concat(new byte[] {6, 0}, hex("010400000000"));   // next: TCP
        byte[] v6 = ipv6("fe80::1", "fe80::2", 0, concat(hopByHop, destination, SYN));
        assertThat(decode(v6, LinkType.RAW)).isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(p.transportOffset).isEqualTo(40 + 16);
        assertTcpTo443("fe80::1", "fe80::2");
    }

    @Test
    void greWithErspanAndTransparentEthernet() {
        byte[] inner = ethernet(0x0800, ipv4("192.168.1.1", "192.168.1.2", 6, SYN));
        byte[] erspan2 = concat(hex("1000 88BE"), u32(7), hex("10010000 00000000"), inner); // S bit, seq, 8-byte ERSPAN II header
        assertThat(decode(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 47, erspan2)), LinkType.EN10MB))
                .isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("192.168.1.1", "192.168.1.2");
        assertThat(p.tunnelType).isEqualTo(TunnelType.ERSPAN);
        assertThat(p.tunnelParentId).isNotZero();
        long erspanParent = p.tunnelParentId;

        byte[] erspan3 = concat(hex("0000 22EB"), hex("20000001 00000000 00000000"), inner);
        assertThat(decode(ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 47, erspan3)), LinkType.EN10MB))
                .isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("192.168.1.1", "192.168.1.2");

        byte[] teb = concat(hex("2000 6558"), u32(42), inner); // key present
        assertThat(decode(ethernet(0x0800, ipv4("10.0.0.2", "10.0.0.1", 47, teb)), LinkType.EN10MB))
                .isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(p.tunnelType).isEqualTo(TunnelType.GRE);
        assertThat(p.tunnelParentId).as("one GRE tunnel between two hosts, whatever the direction or payload").isEqualTo(erspanParent);
    }

    @Test
    void ipInIpAndSixInFour() {
        byte[] v4inv4 = ipv4("10.0.0.1", "10.0.0.2", 4, ipv4("172.16.0.1", "172.16.0.2", 6, SYN));
        assertThat(decode(v4inv4, LinkType.RAW)).isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("172.16.0.1", "172.16.0.2");
        assertThat(p.tunnelType).isEqualTo(TunnelType.IP_IN_IP);
        byte[] v6inv4 = ipv4("10.0.0.1", "10.0.0.2", 41, ipv6("2001:db8::1", "2001:db8::2", 6, SYN));
        assertThat(decode(v6inv4, LinkType.RAW)).isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("2001:db8::1", "2001:db8::2");
        assertThat(p.tunnelType).isEqualTo(TunnelType.SIX_IN_FOUR);
    }

    @Test
    void udpTunnelsOpenOnlyWhenAsked() {
        byte[] inner = ipv4("192.168.1.1", "192.168.1.2", 6, SYN);
        byte[] vxlan = ipv4("10.0.0.1", "10.0.0.2", 17, udp(50000, 4789, concat(hex("08000000 00123400"), ethernet(0x0800, inner))));
        assertThat(decode(vxlan, LinkType.RAW)).isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(p.protocol).isEqualTo(17);
        assertThat(decoder.isUdpTunnelCandidate(p)).isTrue();
        assertThat(decoder.decodeUdpTunnel(p, 99)).isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("192.168.1.1", "192.168.1.2");
        assertThat(p.tunnelParentId).isEqualTo(99);
        assertThat(p.tunnelType).isEqualTo(TunnelType.VXLAN);

        byte[] geneve = ipv4("10.0.0.1", "10.0.0.2", 17, udp(50001, 6081, concat(hex("01006558 00000100 01020304"),
                ethernet(0x0800, inner)))); // one 4-byte option
        decode(geneve, LinkType.RAW);
        assertThat(decoder.decodeUdpTunnel(p, 98)).isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("192.168.1.1", "192.168.1.2");
        assertThat(p.tunnelType).isEqualTo(TunnelType.GENEVE);

        byte[] gtp = ipv4("10.0.0.1", "10.0.0.2", 17, udp(2152, 2152, concat(hex("30ff"), u16(inner.length), u32(1), inner)));
        decode(gtp, LinkType.RAW);
        assertThat(decoder.decodeUdpTunnel(p, 5)).isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("192.168.1.1", "192.168.1.2");
        assertThat(p.tunnelType).isEqualTo(TunnelType.GTP_U);

        byte[] teredo = ipv4("10.0.0.1", "10.0.0.2", 17, udp(3544, 40001, ipv6("2001::1", "2001::2", 6, SYN)));
        decode(teredo, LinkType.RAW);
        assertThat(decoder.decodeUdpTunnel(p, 6)).isEqualTo(PacketDecoder.TRANSPORT);
        assertTcpTo443("2001::1", "2001::2");

        byte[] notTeredo = ipv4("10.0.0.1", "10.0.0.2", 17, udp(3544, 40001, hex("0102030405")));
        decode(notTeredo, LinkType.RAW);
        assertThat(decoder.decodeUdpTunnel(p, 7)).isEqualTo(PacketDecoder.NOT_TUNNEL);
        assertThat(p.protocol).isEqualTo(17);
    }

    @Test
    void ipv4FragmentsAreReassembledInAnyOrder() {
        byte[] datagram = udp(5000, 53, new byte[100]);
        byte[] first = java.util.Arrays.copyOfRange(datagram, 0, 56);
        byte[] second = java.util.Arrays.copyOfRange(datagram, 56, datagram.length);
        assertThat(decode(ipv4("10.0.0.1", "10.0.0.2", 17, 77, 56, false, second), LinkType.RAW)).isEqualTo(PacketDecoder.HELD);
        assertThat(decode(ipv4("10.0.0.1", "10.0.0.2", 17, 77, 0, true, first), LinkType.RAW)).isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(p.reassembled).isTrue();
        assertThat(p.ipTotalLength).isEqualTo(20 + 108);
        assertThat(p.udpLength).isEqualTo(108);
        assertThat(p.dstPort).isEqualTo(53);
    }

    @Test
    void ipv6FragmentsAreReassembled() {
        byte[] datagram = udp(5000, 53, new byte[100]);
        byte[] first = concat(new byte[] {17, 0}, u16(0x0001), u32(9), java.util.Arrays.copyOfRange(datagram, 0, 64));
        byte[] second = concat(new byte[] {17, 0}, u16(64), u32(9), java.util.Arrays.copyOfRange(datagram, 64, datagram.length));
        assertThat(decode(ipv6("2001:db8::1", "2001:db8::2", 44, first), LinkType.RAW)).isEqualTo(PacketDecoder.HELD);
        assertThat(decode(ipv6("2001:db8::1", "2001:db8::2", 44, second), LinkType.RAW)).isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(p.reassembled).isTrue();
        assertThat(p.udpLength).isEqualTo(108);
        assertThat(p.ipTotalLength).isEqualTo(40 + 108);
    }

    @Test
    void ipv6ReassemblyKeepsTheUnfragmentablePart() {
        byte[] datagram = udp(5000, 53, new byte[100]);
        byte[] hopByHop = concat(new byte[] {44, 0}, hex("010400000000")); // next: fragment header
        byte[] first = concat(hopByHop, new byte[] {17, 0}, u16(0x0001), u32(11), java.util.Arrays.copyOfRange(datagram, 0, 64));
        byte[] second = concat(hopByHop, new byte[] {17, 0}, u16(64), u32(11), java.util.Arrays.copyOfRange(datagram, 64, 108));
        assertThat(decode(ipv6("2001:db8::1", "2001:db8::2", 0, second), LinkType.RAW)).isEqualTo(PacketDecoder.HELD);
        assertThat(decode(ipv6("2001:db8::1", "2001:db8::2", 0, first), LinkType.RAW)).isEqualTo(PacketDecoder.TRANSPORT);
        assertThat(p.ipTotalLength).as("fixed header, hop-by-hop kept, fragment header gone").isEqualTo(40 + 8 + 108);
        assertThat(p.transportOffset).isEqualTo(48);
        assertThat(p.protocol).isEqualTo(17);
        assertThat(p.dstPort).isEqualTo(53);
    }

    @Test
    void overlappingFragmentsAreCounted() {
        byte[] datagram = udp(5000, 53, new byte[100]);
        decode(ipv4("10.0.0.1", "10.0.0.2", 17, 5, 0, true, java.util.Arrays.copyOfRange(datagram, 0, 64)), LinkType.RAW);
        decode(ipv4("10.0.0.1", "10.0.0.2", 17, 5, 56, true, java.util.Arrays.copyOfRange(datagram, 56, 80)), LinkType.RAW);
        assertThat(stats.count(DecodeAnomaly.FRAGMENT_OVERLAP)).isEqualTo(1);
    }

    @Test
    void malformedHeadersAreNamedAnomalies() {
        assertThat(decode(hex("0200"), LinkType.EN10MB)).isEqualTo(PacketDecoder.DROPPED);
        assertThat(stats.count(DecodeAnomaly.TRUNCATED_LINK_HEADER)).isEqualTo(1);
        assertThat(decode(ethernet(0x0800, hex("4500")), LinkType.EN10MB)).isEqualTo(PacketDecoder.DROPPED);
        assertThat(stats.count(DecodeAnomaly.TRUNCATED_IP_HEADER)).isEqualTo(1);
        byte[] badIhl = ipv4("10.0.0.1", "10.0.0.2", 6, SYN);
        badIhl[0] = 0x43;
        assertThat(decode(badIhl, LinkType.RAW)).isEqualTo(PacketDecoder.DROPPED);
        assertThat(stats.count(DecodeAnomaly.BAD_IPV4_HEADER_LENGTH)).isEqualTo(1);
        byte[] badTcp = ipv4("10.0.0.1", "10.0.0.2", 6, SYN);
        badTcp[20 + 12] = (byte) 0xf0; // data offset 60 > segment
        assertThat(decode(badTcp, LinkType.RAW)).isEqualTo(PacketDecoder.DROPPED);
        assertThat(stats.count(DecodeAnomaly.BAD_TCP_HEADER_LENGTH)).isEqualTo(1);
        assertThat(decode(hex("7500"), LinkType.RAW)).isEqualTo(PacketDecoder.DROPPED);
        assertThat(stats.count(DecodeAnomaly.BAD_IP_VERSION)).isEqualTo(1);
        assertThat(decode(SYN, 9999)).isEqualTo(PacketDecoder.DROPPED);
        assertThat(stats.count(DecodeAnomaly.UNKNOWN_LINK_TYPE)).isEqualTo(1);
        assertThat(decode(ethernet(0x0806, new byte[28]), LinkType.EN10MB)).isEqualTo(PacketDecoder.NOT_IP);
        assertThat(stats.nonIpFrames()).isEqualTo(1);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        int[] linkTypes = {LinkType.EN10MB, LinkType.RAW, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.NULL, LinkType.LOOP};
        for (int i = 0; i < 200_000; i++) {
            byte[] frame = new byte[random.nextInt(128)];
            random.nextBytes(frame);
            if (frame.length > 14 && random.nextBoolean()) {
                frame[12] = 0x08; // make IPv4 likely so deeper layers are exercised
                frame[13] = 0x00;
                frame[14] = (byte) (0x45 + random.nextInt(3));
            }
            int result = decode(frame, linkTypes[i % linkTypes.length]);
            assertThat(result).isBetween(PacketDecoder.DROPPED, PacketDecoder.HELD);
        }
        assertThat(stats.totalAnomalies()).isPositive();
    }
}
