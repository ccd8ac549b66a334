package io.telltale.capture.flow;

import java.util.List;

/**
 * One connection, as Zeek's {@code conn.log} describes it. Created when a flow ends (or at an active
 * timeout), once per flow, off the per-packet path. Addresses, ids and the Community ID are kept raw
 * and turned into text only when a writer asks, so a record that is never printed costs little.
 *
 * @param id stable id: a hash of the flow key and first packet time (see {@link #uid()})
 * @param startNanos time of the first packet
 * @param durationNanos time from first to last packet, or -1 when unset (a single packet)
 * @param originatorHigh originator address, high 64 bits (IPv4 is IPv4-mapped, see {@link Addresses})
 * @param oneWay ICMP message without a counterpart type: the Community ID keeps its order
 * @param service protocols recognised in the flow, comma-separated, or null
 * @param originatorBytes payload bytes sent by the originator (TCP: from sequence numbers), -1 when unset
 * @param localOriginator null when no local networks are configured
 * @param history Zeek's history string, empty when nothing was recorded
 * @param tunnelParentId id of the innermost encapsulating flow or tunnel, 0 when not tunnelled
 * @param vlan outer VLAN id or -1; {@code innerVlan} likewise
 * @param communityIdSeed the seed for {@link #communityId()}
 * @param originatorFrameBytes captured bytes of the frames the originator sent, link-layer headers
 *     included (what Arkime and nDPI count)
 * @param originatorStats payload sizes, gaps and leading-byte entropy of what the originator sent
 * @param packets where the packet store put the packets this record covers ({@link PacketTrail}), or null
 */
public record FlowRecord(
        long id,
        long startNanos,
        long durationNanos,
        long originatorHigh,
        long originatorLow,
        int originatorPort,
        long responderHigh,
        long responderLow,
        int responderPort,
        int ipProtocol,
        boolean oneWay,
        String service,
        long originatorBytes,
        long responderBytes,
        String connState,
        Boolean localOriginator,
        Boolean localResponder,
        long missedBytes,
        String history,
        long originatorPackets,
        long originatorIpBytes,
        long responderPackets,
        long responderIpBytes,
        long tunnelParentId,
        int vlan,
        int innerVlan,
        int communityIdSeed,
        long originatorFrameBytes,
        long responderFrameBytes,
        FlowEndReason endReason,
        PayloadStats originatorStats,
        PayloadStats responderStats,
        byte[] packets) {

    public boolean interim() {
        return endReason == FlowEndReason.ACTIVE_TIMEOUT;
    }

    /** The id as Zeek prints uids: {@code C} and base62. */
    public String uid() {
        return FlowIds.uid(id);
    }

    public String originatorHost() {
        return Addresses.text(originatorHigh, originatorLow);
    }

    public String responderHost() {
        return Addresses.text(responderHigh, responderLow);
    }

    /** {@code tcp}, {@code udp}, {@code icmp} or {@code unknown_transport}, Zeek's transport names. */
    public String transport() {
        return switch (ipProtocol) {
            case Flow.PROTO_TCP -> "tcp";
            case Flow.PROTO_UDP -> "udp";
            case Flow.PROTO_ICMP, Flow.PROTO_ICMPV6 -> "icmp";
            default -> "unknown_transport";
        };
    }

    /** Uids of the encapsulating flows (innermost parent), empty when not tunnelled. */
    public List<String> tunnelParents() {
        return tunnelParentId == 0 ? List.of() : List.of(FlowIds.uid(tunnelParentId));
    }

    /** True for protocols whose Community ID and Zeek ports include port numbers (or ICMP type/code). */
    public boolean hasPorts() {
        return hasPorts(ipProtocol);
    }

    static boolean hasPorts(int protocol) {
        return protocol == Flow.PROTO_TCP || protocol == Flow.PROTO_UDP || protocol == Flow.PROTO_ICMP
                || protocol == Flow.PROTO_ICMPV6 || protocol == 132;
    }

    /** Community ID v1 of the flow. */
    public String communityId() {
        return CommunityId.of(communityIdSeed, originatorHigh, originatorLow, originatorPort, responderHigh,
                responderLow, responderPort, ipProtocol, oneWay, hasPorts());
    }
}
