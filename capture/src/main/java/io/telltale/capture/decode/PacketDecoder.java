package io.telltale.capture.decode;

import io.telltale.capture.decode.fragment.FragmentConfig;
import io.telltale.capture.decode.fragment.FragmentReassembler;
import io.telltale.capture.decode.header.Bytes;
import io.telltale.capture.decode.header.Ipv4Header;
import io.telltale.capture.decode.header.Ipv6Header;
import io.telltale.capture.decode.header.TcpHeader;
import io.telltale.capture.decode.header.UdpHeader;
import java.lang.foreign.MemorySegment;

/**
 * Decodes a frame from its link-layer header down to the transport header of the innermost IP
 * packet: Ethernet, 802.1Q/802.1ad (QinQ), MPLS, PPPoE session, VN-Tag, Linux cooked v1/v2, raw IP,
 * BSD loopback; IPv4 with options, IPv6 with extension headers, fragments of both; TCP, UDP, ICMP,
 * ICMPv6; and the tunnels GRE (with ERSPAN II/III), IP-in-IP and 6in4 at the IP layer. UDP tunnels
 * (VXLAN, Geneve, Teredo, GTP-U) are opened by {@link #decodeUdpTunnel} after the caller has accounted the
 * outer UDP packet to its own flow.
 *
 * <p>One instance per worker; all state is reused, nothing is allocated per packet.
 */
public final class PacketDecoder {

    /** The packet has an IP header and a transport protocol: it belongs to a flow. */
    public static final int TRANSPORT = 1;
    /** A well-formed frame that carries no IP (ARP, LLDP, spanning tree ...). */
    public static final int NOT_IP = 0;
    /** The frame was malformed; the anomaly has been counted. */
    public static final int DROPPED = -1;
    /** An IP fragment was stored; the datagram is not complete yet. */
    public static final int HELD = 2;
    /** {@link #decodeUdpTunnel}: the UDP payload is not a tunnel we open. */
    public static final int NOT_TUNNEL = 3;
    /** An ARP message for IPv4 over Ethernet: its fields are in the packet's {@code arp*} fields. */
    public static final int ARP = 4;

    static final int MAX_TUNNEL_DEPTH = 4;
    static final int MAX_LINK_TAGS = 8;
    static final int MAX_MPLS_LABELS = 16;
    static final int MAX_IPV6_EXTENSIONS = 16;

    static final int ETHERNET_HEADER_LENGTH = 14;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88A8;
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    static final int ETHERTYPE_MPLS = 0x8847;
    static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    static final int ETHERTYPE_VNTAG = 0x8926;
    static final int ETHERTYPE_TRANSPARENT_BRIDGING = 0x6558;
    static final int ETHERTYPE_ERSPAN_II = 0x88BE;
    static final int ETHERTYPE_ERSPAN_III = 0x22EB;
    static final int ETHERTYPE_PPP = 0x880B;
    static final int MIN_ETHERTYPE = 0x0600;

    static final int PROTO_ICMP = 1;
    static final int PROTO_IPIP = 4;
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    static final int PROTO_IPV6 = 41;
    static final int PROTO_GRE = 47;
    static final int PROTO_ICMPV6 = 58;

    static final int PORT_VXLAN = 4789;
    static final int PORT_TEREDO = 3544;
    static final int PORT_GTP_U = 2152;
    static final int PORT_GENEVE = 6081;

    private final DecodeStats stats;
    private final FragmentReassembler fragments;
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Ipv6Header ipv6 = new Ipv6Header();
    private final TcpHeader tcp = new TcpHeader();
    private final UdpHeader udp = new UdpHeader();

    public PacketDecoder(DecodeStats stats, FragmentConfig fragmentConfig) {
        this.stats = stats;
        this.fragments = new FragmentReassembler(fragmentConfig);
    }

    public DecodeStats stats() {
        return stats;
    }

    /** Datagrams given up on because their fragments did not all arrive in time. */
    public long expiredFragmentedDatagrams() {
        return fragments.expiredCount();
    }

    /** Decodes one frame into {@code out}; returns {@link #TRANSPORT}, {@link #NOT_IP}, {@link #DROPPED} or {@link #HELD}. */
    public int decode(long timestampNanos, int wireLength, MemorySegment data, long offset, int capturedLength,
                      int linkType, DecodedPacket out) {
        fragments.releaseCompleted();
        out.resetFrame(timestampNanos, wireLength, data, offset, capturedLength, linkType);
        return switch (linkType) {
            case LinkType.EN10MB -> decodeEthernet(out, offset);
            case LinkType.RAW, LinkType.RAW_BSD, LinkType.RAW_OPENBSD -> decodeIp(out, offset);
            case LinkType.IPV4, LinkType.IPV6 -> decodeIp(out, offset);
            case LinkType.LINUX_SLL -> decodeCooked(out, offset, 16, 14);
            case LinkType.LINUX_SLL2 -> decodeCooked(out, offset, 20, 0);
            case LinkType.NULL -> decodeNull(out, offset, false);
            case LinkType.LOOP -> decodeNull(out, offset, true);
            default -> anomaly(DecodeAnomaly.UNKNOWN_LINK_TYPE);
        };
    }

    private int anomaly(DecodeAnomaly kind) {
        stats.record(kind);
        return DROPPED;
    }

    private int decodeEthernet(DecodedPacket p, long offset) {
        if (p.end - offset < ETHERNET_HEADER_LENGTH) {
            return anomaly(DecodeAnomaly.TRUNCATED_LINK_HEADER);
        }
        return decodeEtherType(p, offset + ETHERNET_HEADER_LENGTH, Bytes.u16(p.data, offset + 12));
    }

    /** Linux cooked capture: v1 has the protocol at byte 14 of 16, v2 at byte 0 of 20. */
    private int decodeCooked(DecodedPacket p, long offset, int headerLength, int protocolOffset) {
        if (p.end - offset < headerLength) {
            return anomaly(DecodeAnomaly.TRUNCATED_LINK_HEADER);
        }
        return decodeEtherType(p, offset + headerLength, Bytes.u16(p.data, offset + protocolOffset));
    }

    /** BSD loopback: a 4-byte address family, host order for NULL, network order for LOOP. */
    private int decodeNull(DecodedPacket p, long offset, boolean networkOrder) {
        if (p.end - offset < 4) {
            return anomaly(DecodeAnomaly.TRUNCATED_LINK_HEADER);
        }
        int family = Bytes.i32(p.data, offset);
        if (!networkOrder && (family & 0xffff) == 0) {
            // Written by a little-endian host: the family sits in the first bytes.
            family = Integer.reverseBytes(family);
        }
        return switch (family) {
            case 2 -> decodeIp(p, offset + 4);
            case 10, 23, 24, 28, 30 -> decodeIp(p, offset + 4);
            default -> {
                stats.countNonIp();
                yield NOT_IP;
            }
        };
    }

    private int decodeEtherType(DecodedPacket p, long offset, int etherType) {
        int type = etherType;
        long at = offset;
        for (int tags = 0; ; tags++) {
            if (tags > MAX_LINK_TAGS) {
                return anomaly(DecodeAnomaly.TOO_MANY_VLAN_TAGS);
            }
            switch (type) {
                case ETHERTYPE_IPV4, ETHERTYPE_IPV6 -> {
                    return decodeIp(p, at);
                }
                case ETHERTYPE_VLAN, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD -> {
                    if (p.end - at < 4) {
                        return anomaly(DecodeAnomaly.TRUNCATED_LINK_HEADER);
                    }
                    int vlanId = Bytes.u16(p.data, at) & 0x0fff;
                    if (p.vlan < 0) {
                        p.vlan = vlanId;
                    } else if (p.innerVlan < 0) {
                        p.innerVlan = vlanId;
                    }
                    type = Bytes.u16(p.data, at + 2);
                    at += 4;
                }
                case ETHERTYPE_VNTAG -> {
                    if (p.end - at < 6) {
                        return anomaly(DecodeAnomaly.TRUNCATED_LINK_HEADER);
                    }
                    type = Bytes.u16(p.data, at + 4);
                    at += 6;
                }
                case ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST -> {
                    return decodeMpls(p, at);
                }
                case ETHERTYPE_ARP -> {
                    stats.countNonIp();
                    return decodeArp(p, at);
                }
                case ETHERTYPE_PPPOE_SESSION -> {
                    return decodePppoe(p, at);
                }
                default -> {
                    stats.countNonIp();
                    return NOT_IP;
                }
            }
        }
    }

    /**
     * ARP for IPv4 over Ethernet (RFC 826): hardware type 1, protocol 0x0800, lengths 6 and 4. Other
     * ARP (and a truncated one) is a frame without IP, as before: nothing to learn from it.
     */
    private int decodeArp(DecodedPacket p, long at) {
        if (p.end - at < 28 || Bytes.u16(p.data, at) != 1 || Bytes.u16(p.data, at + 2) != ETHERTYPE_IPV4
                || Bytes.u8(p.data, at + 4) != 6 || Bytes.u8(p.data, at + 5) != 4) {
            return NOT_IP;
        }
        int operation = Bytes.u16(p.data, at + 6);
        if (operation != 1 && operation != 2) {
            return NOT_IP;
        }
        p.arpOperation = operation;
        p.arpSenderMac = ((long) Bytes.u16(p.data, at + 8) << 32) | Integer.toUnsignedLong(Bytes.i32(p.data, at + 10));
        p.arpSenderIp = Bytes.i32(p.data, at + 14);
        p.arpTargetIp = Bytes.i32(p.data, at + 24);
        return ARP;
    }

    /** MPLS label stack (RFC 3032): 4 bytes per label, bottom-of-stack bit ends it; IP is guessed by version. */
    private int decodeMpls(DecodedPacket p, long offset) {
        long at = offset;
        for (int labels = 0; labels < MAX_MPLS_LABELS; labels++) {
            if (p.end - at < 4) {
                return anomaly(DecodeAnomaly.TRUNCATED_MPLS);
            }
            boolean bottom = (Bytes.u8(p.data, at + 2) & 0x01) != 0;
            at += 4;
            if (bottom) {
                if (p.end - at < 1) {
                    return anomaly(DecodeAnomaly.TRUNCATED_MPLS);
                }
                int version = Bytes.u8(p.data, at) >>> 4;
                if (version == 4 || version == 6) {
                    return decodeIp(p, at);
                }
                if (version == 0) {
                    // Pseudowire control word (RFC 4385), then an Ethernet frame.
                    return decodeEthernet(p, at + 4);
                }
                return anomaly(DecodeAnomaly.MPLS_UNKNOWN_PAYLOAD);
            }
        }
        return anomaly(DecodeAnomaly.TRUNCATED_MPLS);
    }

    /** PPPoE session stage (RFC 2516): 6-byte header, then a 2-byte PPP protocol. */
    private int decodePppoe(DecodedPacket p, long offset) {
        if (p.end - offset < 8) {
            return anomaly(DecodeAnomaly.TRUNCATED_LINK_HEADER);
        }
        return decodePppProtocol(p, offset + 6, Bytes.u16(p.data, offset + 6), 2);
    }

    private int decodePppProtocol(DecodedPacket p, long offset, int protocol, int protocolLength) {
        return switch (protocol) {
            case 0x0021 -> decodeIp(p, offset + protocolLength);
            case 0x0057 -> decodeIp(p, offset + protocolLength);
            default -> {
                stats.record(DecodeAnomaly.PPPOE_UNKNOWN_PROTOCOL);
                yield DROPPED;
            }
        };
    }

    private int decodeIp(DecodedPacket p, long offset) {
        if (p.end - offset < 1) {
            return anomaly(DecodeAnomaly.TRUNCATED_IP_HEADER);
        }
        int version = Bytes.u8(p.data, offset) >>> 4;
        if (version == 4) {
            return decodeIpv4(p, offset);
        }
        if (version == 6) {
            return decodeIpv6(p, offset);
        }
        return anomaly(DecodeAnomaly.BAD_IP_VERSION);
    }

    private int decodeIpv4(DecodedPacket p, long offset) {
        if (p.end - offset < Ipv4Header.MIN_LENGTH) {
            return anomaly(DecodeAnomaly.TRUNCATED_IP_HEADER);
        }
        Ipv4Header h = ipv4.wrap(p.data, offset);
        int headerLength = h.headerLength();
        if (headerLength < Ipv4Header.MIN_LENGTH) {
            return anomaly(DecodeAnomaly.BAD_IPV4_HEADER_LENGTH);
        }
        if (p.end - offset < headerLength) {
            return anomaly(DecodeAnomaly.TRUNCATED_IP_HEADER);
        }
        int totalLength = h.totalLength();
        long captured = p.end - offset;
        if (totalLength == 0) {
            // Segmentation offload on the capturing host leaves the length at zero; trust the capture.
            totalLength = (int) Math.min(captured, 65_535);
        }
        if (totalLength < headerLength) {
            return anomaly(DecodeAnomaly.BAD_IP_TOTAL_LENGTH);
        }
        if (captured < totalLength && !snapTruncated(p)) {
            return anomaly(DecodeAnomaly.TRUNCATED_IP);
        }
        p.resetNetwork();
        p.ipVersion = 4;
        p.ipOffset = offset;
        p.ipTotalLength = totalLength;
        p.ttl = h.ttl();
        p.srcHigh = 0;
        p.srcLow = mapIpv4(h.sourceAddress());
        p.dstHigh = 0;
        p.dstLow = mapIpv4(h.destinationAddress());
        int protocol = h.protocol();
        long payload = offset + headerLength;
        long ipEnd = Math.min(p.end, offset + totalLength);
        int fragmentOffset = h.fragmentOffset();
        if (h.moreFragments() || fragmentOffset != 0) {
            int fragmentLength = totalLength - headerLength;
            if (ipEnd - payload < fragmentLength) {
                return anomaly(DecodeAnomaly.TRUNCATED_IP);
            }
            FragmentReassembler.Outcome outcome = fragments.offerIpv4(p.timestampNanos, p.data, offset, headerLength,
                    p.srcLow, p.dstLow, h.identification(), protocol, fragmentOffset, h.moreFragments(), payload,
                    fragmentLength);
            return afterFragment(p, outcome);
        }
        return decodeTransport(p, protocol, payload, ipEnd, offset + totalLength);
    }

    private int decodeIpv6(DecodedPacket p, long offset) {
        if (p.end - offset < Ipv6Header.LENGTH) {
            return anomaly(DecodeAnomaly.TRUNCATED_IP_HEADER);
        }
        Ipv6Header h = ipv6.wrap(p.data, offset);
        int payloadLength = h.payloadLength();
        long captured = p.end - offset - Ipv6Header.LENGTH;
        if (payloadLength == 0) {
            // Jumbograms and offloaded sends: the capture is all we know.
            payloadLength = (int) Math.min(captured, 65_535);
        }
        if (captured < payloadLength && !snapTruncated(p)) {
            return anomaly(DecodeAnomaly.TRUNCATED_IP);
        }
        p.resetNetwork();
        p.ipVersion = 6;
        p.ipOffset = offset;
        p.ipTotalLength = payloadLength + Ipv6Header.LENGTH;
        p.ttl = h.hopLimit();
        p.srcHigh = h.sourceHigh();
        p.srcLow = h.sourceLow();
        p.dstHigh = h.destinationHigh();
        p.dstLow = h.destinationLow();
        long datagramEnd = offset + Ipv6Header.LENGTH + payloadLength;
        long ipEnd = Math.min(p.end, datagramEnd);
        int next = h.nextHeader();
        long at = offset + Ipv6Header.LENGTH;
        // Where the "next header" value that leads to the current header sits: fragments rebuild it.
        long nextHeaderField = offset + 6;
        for (int i = 0; ; i++) {
            if (i > MAX_IPV6_EXTENSIONS) {
                return anomaly(DecodeAnomaly.TOO_MANY_IPV6_EXTENSIONS);
            }
            switch (next) {
                case 0, 43, 60, 135, 139, 140 -> {
                    // Hop-by-hop, routing, destination options, mobility, HIP, shim6: (len + 1) * 8 bytes.
                    if (ipEnd - at < 8) {
                        return anomaly(DecodeAnomaly.TRUNCATED_IPV6_EXTENSION);
                    }
                    int length = (Bytes.u8(p.data, at + 1) + 1) * 8;
                    next = Bytes.u8(p.data, at);
                    nextHeaderField = at;
                    at += length;
                    if (at > ipEnd) {
                        return anomaly(DecodeAnomaly.TRUNCATED_IPV6_EXTENSION);
                    }
                }
                case 51 -> {
                    // Authentication header: (len + 2) * 4 bytes.
                    if (ipEnd - at < 8) {
                        return anomaly(DecodeAnomaly.TRUNCATED_IPV6_EXTENSION);
                    }
                    int length = (Bytes.u8(p.data, at + 1) + 2) * 4;
                    next = Bytes.u8(p.data, at);
                    nextHeaderField = at;
                    at += length;
                    if (at > ipEnd) {
                        return anomaly(DecodeAnomaly.TRUNCATED_IPV6_EXTENSION);
                    }
                }
                case 44 -> {
                    return decodeIpv6Fragment(p, offset, nextHeaderField, at, ipEnd, datagramEnd);
                }
                default -> {
                    return decodeTransport(p, next, at, ipEnd, datagramEnd);
                }
            }
        }
    }

    /** IPv6 fragment header (RFC 8200 §4.5): next header, reserved, offset/flags, 32-bit id. */
    private int decodeIpv6Fragment(DecodedPacket p, long ipOffset, long nextHeaderField, long at, long ipEnd,
                                   long datagramEnd) {
        if (ipEnd - at < 8) {
            return anomaly(DecodeAnomaly.TRUNCATED_IPV6_EXTENSION);
        }
        int next = Bytes.u8(p.data, at);
        int offsetAndFlags = Bytes.u16(p.data, at + 2);
        int fragmentOffset = offsetAndFlags & 0xfff8;
        boolean more = (offsetAndFlags & 1) != 0;
        int identification = Bytes.i32(p.data, at + 4);
        long payload = at + 8;
        if (fragmentOffset == 0 && !more) {
            // An atomic fragment (RFC 6946): the datagram is whole.
            return decodeTransport(p, next, payload, ipEnd, datagramEnd);
        }
        int fragmentLength = (int) (datagramEnd - payload);
        if (fragmentLength < 0 || ipEnd - payload < fragmentLength) {
            return anomaly(DecodeAnomaly.TRUNCATED_IP);
        }
        FragmentReassembler.Outcome outcome = fragments.offerIpv6(p.timestampNanos, p.data, ipOffset,
                (int) (at - ipOffset), (int) (nextHeaderField - ipOffset), p.srcHigh, p.srcLow, p.dstHigh, p.dstLow,
                identification, next, fragmentOffset, more, payload, fragmentLength);
        return afterFragment(p, outcome);
    }

    private int afterFragment(DecodedPacket p, FragmentReassembler.Outcome outcome) {
        switch (outcome) {
            case HELD -> {
                return HELD;
            }
            case OVERLAP_HELD -> {
                stats.record(DecodeAnomaly.FRAGMENT_OVERLAP);
                return HELD;
            }
            case TOO_LARGE -> {
                return anomaly(DecodeAnomaly.FRAGMENT_TOO_LARGE);
            }
            case TABLE_FULL, TOO_MANY_FRAGMENTS -> {
                return anomaly(DecodeAnomaly.FRAGMENT_TABLE_FULL);
            }
            case INCONSISTENT -> {
                return anomaly(DecodeAnomaly.FRAGMENT_INCONSISTENT);
            }
            default -> {
                // COMPLETE: decode the rebuilt datagram as a packet of its own.
                p.data = fragments.completedSegment();
                p.end = fragments.completedLength();
                int result = decodeIp(p, 0);
                p.reassembled = true;
                return result;
            }
        }
    }

    private static boolean snapTruncated(DecodedPacket p) {
        return p.snapTruncated();
    }

    static long mapIpv4(int address) {
        return 0x0000_ffff_0000_0000L | Integer.toUnsignedLong(address);
    }

    /**
     * Transport header of the IP packet whose payload starts at {@code offset}.
     *
     * @param ipEnd end of the captured part of the IP packet (padding excluded)
     * @param declaredEnd end of the IP packet per its length field
     */
    private int decodeTransport(DecodedPacket p, int protocol, long offset, long ipEnd, long declaredEnd) {
        p.protocol = protocol;
        p.transportOffset = offset;
        return switch (protocol) {
            case PROTO_TCP -> decodeTcp(p, offset, ipEnd, declaredEnd);
            case PROTO_UDP -> decodeUdp(p, offset, ipEnd, declaredEnd);
            case PROTO_ICMP, PROTO_ICMPV6 -> decodeIcmp(p, offset, ipEnd, declaredEnd, protocol == PROTO_ICMPV6);
            case PROTO_GRE -> decodeGre(p, offset, ipEnd);
            case PROTO_IPIP -> openIpTunnel(p, offset, ipEnd, TunnelType.IP_IN_IP);
            case PROTO_IPV6 -> openIpTunnel(p, offset, ipEnd, p.ipVersion == 4 ? TunnelType.SIX_IN_FOUR : TunnelType.IP_IN_IP);
            default -> {
                // Other transports (SCTP, ESP, OSPF ...) are flows between two hosts without ports.
                setPayload(p, offset, ipEnd, declaredEnd);
                yield TRANSPORT;
            }
        };
    }

    private static void setPayload(DecodedPacket p, long offset, long ipEnd, long declaredEnd) {
        p.payloadOffset = offset;
        p.payloadLength = (int) Math.max(0, declaredEnd - offset);
        p.payloadCaptured = (int) Math.max(0, Math.min(ipEnd, declaredEnd) - offset);
    }

    private int decodeTcp(DecodedPacket p, long offset, long ipEnd, long declaredEnd) {
        if (ipEnd - offset < TcpHeader.MIN_LENGTH) {
            return anomaly(DecodeAnomaly.TRUNCATED_TCP_HEADER);
        }
        TcpHeader h = tcp.wrap(p.data, offset);
        int headerLength = h.headerLength();
        if (headerLength < TcpHeader.MIN_LENGTH || offset + headerLength > declaredEnd) {
            return anomaly(DecodeAnomaly.BAD_TCP_HEADER_LENGTH);
        }
        if (ipEnd - offset < headerLength) {
            return anomaly(DecodeAnomaly.TRUNCATED_TCP_HEADER);
        }
        p.srcPort = h.sourcePort();
        p.dstPort = h.destinationPort();
        p.tcpSequence = h.sequence();
        p.tcpAcknowledgment = h.acknowledgment();
        p.tcpFlags = h.flags();
        p.tcpWindow = h.window();
        // Options matter in handshakes (window scale, MSS); walking them on every data segment would
        // cost a tenth of the decode for nothing the flow table uses.
        if (headerLength > TcpHeader.MIN_LENGTH && (p.tcpFlags & TcpHeader.SYN) != 0
                && !readTcpOptions(p, offset + TcpHeader.OPTIONS_OFFSET, offset + headerLength)) {
            stats.record(DecodeAnomaly.BAD_TCP_OPTION);
        }
        setPayload(p, offset + headerLength, ipEnd, declaredEnd);
        return TRANSPORT;
    }

    /** Walks TCP options (RFC 9293 §3.2); every step is bounded by the header end. */
    private static boolean readTcpOptions(DecodedPacket p, long offset, long end) {
        long at = offset;
        while (at < end) {
            int kind = Bytes.u8(p.data, at);
            if (kind == 0) {
                return true;
            }
            if (kind == 1) {
                at++;
                continue;
            }
            if (end - at < 2) {
                return false;
            }
            int length = Bytes.u8(p.data, at + 1);
            if (length < 2 || end - at < length) {
                return false;
            }
            if (kind == 3) {
                if (length != 3) {
                    return false;
                }
                p.tcpWindowScale = Bytes.u8(p.data, at + 2);
            }
            at += length;
        }
        return true;
    }

    private int decodeUdp(DecodedPacket p, long offset, long ipEnd, long declaredEnd) {
        if (ipEnd - offset < UdpHeader.LENGTH) {
            return anomaly(DecodeAnomaly.TRUNCATED_UDP_HEADER);
        }
        UdpHeader h = udp.wrap(p.data, offset);
        p.srcPort = h.sourcePort();
        p.dstPort = h.destinationPort();
        p.udpLength = h.length();
        if (p.udpLength != declaredEnd - offset) {
            stats.record(DecodeAnomaly.UDP_LENGTH_MISMATCH);
        }
        setPayload(p, offset + UdpHeader.LENGTH, ipEnd, declaredEnd);
        return TRANSPORT;
    }

    private int decodeIcmp(DecodedPacket p, long offset, long ipEnd, long declaredEnd, boolean v6) {
        if (ipEnd - offset < 8) {
            return anomaly(DecodeAnomaly.TRUNCATED_ICMP_HEADER);
        }
        int type = Bytes.u8(p.data, offset);
        int code = Bytes.u8(p.data, offset + 1);
        p.icmpType = type;
        p.icmpCode = code;
        p.srcPort = type;
        int counterpart = v6 ? IcmpCounterparts.ipv6(type) : IcmpCounterparts.ipv4(type);
        p.oneWay = counterpart < 0;
        p.dstPort = counterpart < 0 ? code : counterpart;
        setPayload(p, offset + 8, ipEnd, declaredEnd);
        return TRANSPORT;
    }

    /**
     * GRE (RFC 2784/2890, and the PPTP variant of RFC 2637): flags, protocol, optional checksum,
     * key and sequence number; then IP, Ethernet (transparent bridging), ERSPAN II/III or PPP.
     */
    private int decodeGre(DecodedPacket p, long offset, long ipEnd) {
        if (ipEnd - offset < 4) {
            return anomaly(DecodeAnomaly.TRUNCATED_GRE);
        }
        int flags = Bytes.u16(p.data, offset);
        int protocol = Bytes.u16(p.data, offset + 2);
        int version = flags & 0x7;
        boolean checksum = (flags & 0x8000) != 0;
        boolean routing = (flags & 0x4000) != 0;
        boolean key = (flags & 0x2000) != 0;
        boolean sequence = (flags & 0x1000) != 0;
        boolean acknowledgment = (flags & 0x0080) != 0;
        if (routing || version > 1) {
            return anomaly(DecodeAnomaly.GRE_UNSUPPORTED);
        }
        long at = offset + 4 + (checksum ? 4 : 0) + (key ? 4 : 0) + (sequence ? 4 : 0) + (version == 1 && acknowledgment ? 4 : 0);
        if (at > ipEnd) {
            return anomaly(DecodeAnomaly.TRUNCATED_GRE);
        }
        if (!enterTunnel(p, TunnelType.GRE)) {
            return DROPPED;
        }
        if (version == 1) {
            if (protocol != ETHERTYPE_PPP) {
                return anomaly(DecodeAnomaly.GRE_UNSUPPORTED);
            }
            return decodeGrePpp(p, at, ipEnd);
        }
        p.end = ipEnd;
        return switch (protocol) {
            case ETHERTYPE_IPV4, ETHERTYPE_IPV6 -> decodeIp(p, at);
            case ETHERTYPE_TRANSPARENT_BRIDGING -> decodeEthernet(p, at);
            case ETHERTYPE_ERSPAN_II -> {
                p.tunnelType = TunnelType.ERSPAN;
                // Without a sequence number this is ERSPAN type I, which has no header of its own.
                yield decodeEthernet(p, sequence ? at + 8 : at);
            }
            case ETHERTYPE_ERSPAN_III -> decodeErspanIii(p, at);
            default -> anomaly(DecodeAnomaly.GRE_UNSUPPORTED);
        };
    }

    /** ERSPAN type III: a 12-byte header, plus an 8-byte platform sub-header when the O bit is set. */
    private int decodeErspanIii(DecodedPacket p, long at) {
        p.tunnelType = TunnelType.ERSPAN;
        if (p.end - at < 12) {
            return anomaly(DecodeAnomaly.TRUNCATED_TUNNEL);
        }
        boolean platformSubHeader = (Bytes.u8(p.data, at + 11) & 0x01) != 0;
        return decodeEthernet(p, at + 12 + (platformSubHeader ? 8 : 0));
    }

    private int decodeGrePpp(DecodedPacket p, long at, long ipEnd) {
        p.end = ipEnd;
        long cursor = at;
        if (ipEnd - cursor >= 2 && Bytes.u16(p.data, cursor) == 0xff03) {
            cursor += 2;
        }
        if (ipEnd - cursor < 1) {
            return anomaly(DecodeAnomaly.TRUNCATED_TUNNEL);
        }
        int first = Bytes.u8(p.data, cursor);
        if ((first & 1) == 1) {
            return decodePppProtocol(p, cursor, first, 1);
        }
        if (ipEnd - cursor < 2) {
            return anomaly(DecodeAnomaly.TRUNCATED_TUNNEL);
        }
        return decodePppProtocol(p, cursor, Bytes.u16(p.data, cursor), 2);
    }

    private int openIpTunnel(DecodedPacket p, long offset, long ipEnd, TunnelType type) {
        if (!enterTunnel(p, type)) {
            return DROPPED;
        }
        p.end = ipEnd;
        return decodeIp(p, offset);
    }

    /**
     * Records the current (outer) IP pair as the tunnel parent. IP-level tunnels are not flows of
     * their own, so the parent id is a hash of the outer addresses and the tunnel type, which is
     * stable for the life of the tunnel.
     */
    private boolean enterTunnel(DecodedPacket p, TunnelType type) {
        if (p.tunnelDepth >= MAX_TUNNEL_DEPTH) {
            stats.record(DecodeAnomaly.TUNNEL_TOO_DEEP);
            return false;
        }
        p.tunnelDepth++;
        p.tunnelType = type;
        long a = Math.min(p.srcLow, p.dstLow) ^ Math.min(p.srcHigh, p.dstHigh) * 31;
        long b = Math.max(p.srcLow, p.dstLow) ^ Math.max(p.srcHigh, p.dstHigh) * 31;
        p.tunnelParentId = mix(mix(a * 0x9E3779B97F4A7C15L + b) + type.ordinal());
        return true;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** True when this UDP packet uses a port on which a tunnel may run (VXLAN, Teredo, GTP-U). */
    public boolean isUdpTunnelCandidate(DecodedPacket p) {
        if (p.protocol != PROTO_UDP || p.tunnelDepth >= MAX_TUNNEL_DEPTH) {
            return false;
        }
        return p.dstPort == PORT_VXLAN || p.dstPort == PORT_GENEVE || p.srcPort == PORT_TEREDO
                || p.dstPort == PORT_TEREDO || p.dstPort == PORT_GTP_U || p.srcPort == PORT_GTP_U;
    }

    /**
     * Opens the UDP tunnel carried by {@code p} after its outer flow has been accounted. Returns
     * {@link #NOT_TUNNEL} when the payload does not look like one, leaving {@code p} untouched.
     */
    public int decodeUdpTunnel(DecodedPacket p, long outerFlowId) {
        long payload = p.payloadOffset;
        long end = payload + p.payloadCaptured;
        if (p.dstPort == PORT_VXLAN && end - payload >= 8 + ETHERNET_HEADER_LENGTH
                && (Bytes.u8(p.data, payload) & 0x08) != 0) {
            return openUdpTunnel(p, outerFlowId, TunnelType.VXLAN, end) ? decodeEthernet(p, payload + 8) : DROPPED;
        }
        if (p.dstPort == PORT_GENEVE && end - payload >= 8) {
            // Geneve (RFC 8926): version 0, options of 4-byte words, then the protocol's payload.
            int first = Bytes.u8(p.data, payload);
            long inner = payload + 8 + (first & 0x3f) * 4L;
            int protocol = Bytes.u16(p.data, payload + 2);
            if ((first >>> 6) == 0 && inner <= end) {
                if (protocol == ETHERTYPE_TRANSPARENT_BRIDGING) {
                    return openUdpTunnel(p, outerFlowId, TunnelType.GENEVE, end) ? decodeEthernet(p, inner) : DROPPED;
                }
                if (protocol == ETHERTYPE_IPV4 || protocol == ETHERTYPE_IPV6) {
                    return openUdpTunnel(p, outerFlowId, TunnelType.GENEVE, end) ? decodeIp(p, inner) : DROPPED;
                }
            }
        }
        if (p.dstPort == PORT_GTP_U || p.srcPort == PORT_GTP_U) {
            long inner = gtpPayload(p, payload, end);
            if (inner > 0) {
                return openUdpTunnel(p, outerFlowId, TunnelType.GTP_U, end) ? decodeIp(p, inner) : DROPPED;
            }
        }
        if (p.dstPort == PORT_TEREDO || p.srcPort == PORT_TEREDO) {
            long inner = teredoPayload(p, payload, end);
            if (inner > 0) {
                return openUdpTunnel(p, outerFlowId, TunnelType.TEREDO, end) ? decodeIpv6(p, inner) : DROPPED;
            }
        }
        return NOT_TUNNEL;
    }

    private boolean openUdpTunnel(DecodedPacket p, long outerFlowId, TunnelType type, long end) {
        if (p.tunnelDepth >= MAX_TUNNEL_DEPTH) {
            stats.record(DecodeAnomaly.TUNNEL_TOO_DEEP);
            return false;
        }
        p.tunnelDepth++;
        p.tunnelType = type;
        p.tunnelParentId = outerFlowId;
        p.end = end;
        return true;
    }

    /** GTPv1-U G-PDU (3GPP TS 29.281): returns the inner IP offset, or -1. */
    private static long gtpPayload(DecodedPacket p, long at, long end) {
        if (end - at < 8) {
            return -1;
        }
        int flags = Bytes.u8(p.data, at);
        int messageType = Bytes.u8(p.data, at + 1);
        if ((flags >>> 5) != 1 || (flags & 0x10) == 0 || messageType != 0xff) {
            return -1;
        }
        long cursor = at + 8;
        if ((flags & 0x07) != 0) {
            if (end - cursor < 4) {
                return -1;
            }
            int nextExtension = Bytes.u8(p.data, cursor + 3);
            cursor += 4;
            for (int i = 0; nextExtension != 0 && i < 8; i++) {
                if (end - cursor < 4) {
                    return -1;
                }
                int length = Bytes.u8(p.data, cursor) * 4;
                if (length == 0 || end - cursor < length) {
                    return -1;
                }
                nextExtension = Bytes.u8(p.data, cursor + length - 1);
                cursor += length;
            }
        }
        if (end - cursor < 1) {
            return -1;
        }
        int version = Bytes.u8(p.data, cursor) >>> 4;
        return version == 4 || version == 6 ? cursor : -1;
    }

    /** Teredo (RFC 4380): optional authentication and origin indications, then a whole IPv6 packet. */
    private static long teredoPayload(DecodedPacket p, long at, long end) {
        long cursor = at;
        if (end - cursor >= 4 && Bytes.u16(p.data, cursor) == 0x0001) {
            int idLength = Bytes.u8(p.data, cursor + 2);
            int authLength = Bytes.u8(p.data, cursor + 3);
            cursor += 4 + idLength + authLength + 9;
        }
        if (end - cursor >= 8 && Bytes.u16(p.data, cursor) == 0x0000) {
            cursor += 8;
        }
        if (end - cursor < Ipv6Header.LENGTH || (Bytes.u8(p.data, cursor) >>> 4) != 6) {
            return -1;
        }
        int payloadLength = Bytes.u16(p.data, cursor + 4);
        return cursor + Ipv6Header.LENGTH + payloadLength == end ? cursor : -1;
    }
}
