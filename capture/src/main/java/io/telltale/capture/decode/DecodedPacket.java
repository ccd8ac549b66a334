package io.telltale.capture.decode;

import java.lang.foreign.MemorySegment;

/**
 * The decoded headers of one packet, refilled for every packet (never allocated per packet).
 * Fields describe the innermost IP packet after tunnels and fragment reassembly. Offsets index
 * {@link #data}, which is the source's segment or, for a reassembled datagram, the reassembler's
 * buffer. Addresses are 128-bit values in two longs; IPv4 addresses are IPv4-mapped
 * ({@code ::ffff:a.b.c.d}), so one flow key covers both families.
 */
public final class DecodedPacket {

    public long timestampNanos;
    public int wireLength;
    public int capturedLength;
    public int linkType;
    public MemorySegment data;
    /** First byte after the captured data of the current layer's buffer. */
    public long end;

    /** First VLAN id (802.1Q or 802.1ad outer tag), or -1. */
    public int vlan;
    /** Second VLAN id (QinQ inner tag), or -1. */
    public int innerVlan;

    /** 4 or 6. */
    public int ipVersion;
    public long ipOffset;
    /** Total length of the IP packet per its header (IPv6: payload length + 40). */
    public int ipTotalLength;
    public long srcHigh;
    public long srcLow;
    public long dstHigh;
    public long dstLow;
    /** The transport protocol number (after IPv6 extension headers). */
    public int protocol;
    /** The outer IP header's TTL (hop limit for IPv6). */
    public int ttl;
    /** True when this packet was rebuilt from IP fragments. */
    public boolean reassembled;

    /** ARP (Ethernet/IPv4), set when the decoder returns {@link PacketDecoder#ARP}: who says which MAC has which address. */
    public long arpSenderMac;
    public int arpSenderIp;
    public int arpTargetIp;
    /** 1 request, 2 reply. */
    public int arpOperation;

    public long transportOffset;
    /** Source port; for ICMP the type. */
    public int srcPort;
    /** Destination port; for ICMP the counterpart type (or code for one-way messages). */
    public int dstPort;
    /** ICMP messages with no counterpart (unreachable, time exceeded) are not folded with replies. */
    public boolean oneWay;
    public int icmpType;
    public int icmpCode;

    public int tcpFlags;
    public int tcpSequence;
    public int tcpAcknowledgment;
    public int tcpWindow;
    /** Window scale option value, or -1 when absent. */
    public int tcpWindowScale;

    /** UDP length field, or -1 for other protocols. */
    public int udpLength;

    public long payloadOffset;
    /** Payload length as the headers declare it. */
    public int payloadLength;
    /** Payload bytes actually captured (less than payloadLength for snap-truncated frames). */
    public int payloadCaptured;

    /** Depth of encapsulation opened so far (0 = not tunnelled). */
    public int tunnelDepth;
    public TunnelType tunnelType;
    /** Stable id of the innermost encapsulating flow or tunnel, 0 when not tunnelled. */
    public long tunnelParentId;

    void resetFrame(long timestampNanos, int wireLength, MemorySegment data, long offset, int capturedLength, int linkType) {
        this.timestampNanos = timestampNanos;
        this.wireLength = wireLength;
        this.capturedLength = capturedLength;
        this.linkType = linkType;
        this.data = data;
        this.end = offset + capturedLength;
        this.vlan = -1;
        this.innerVlan = -1;
        this.tunnelDepth = 0;
        this.tunnelType = TunnelType.NONE;
        this.tunnelParentId = 0;
        resetNetwork();
    }

    void resetNetwork() {
        this.ipVersion = 0;
        this.reassembled = false;
        this.protocol = -1;
        this.srcPort = 0;
        this.dstPort = 0;
        this.oneWay = false;
        this.icmpType = -1;
        this.icmpCode = -1;
        this.tcpFlags = 0;
        this.tcpWindowScale = -1;
        this.udpLength = -1;
        this.payloadLength = 0;
        this.payloadCaptured = 0;
    }

    public boolean isIpv4() {
        return ipVersion == 4;
    }

    /** True when the capture kept fewer bytes than were on the wire (a snap length was in force). */
    public boolean snapTruncated() {
        return capturedLength < wireLength;
    }
}
