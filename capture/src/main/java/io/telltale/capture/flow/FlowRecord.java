package io.telltale.capture.flow;

import java.util.List;

/**
 * One connection, as Zeek's {@code conn.log} describes it. Created when a flow ends (or at an active
 * timeout), once per flow, off the per-packet path.
 *
 * @param uid stable id: a hash of the flow key and first packet time, printed like Zeek's uids
 * @param startNanos time of the first packet
 * @param durationNanos time from first to last packet, or -1 when unset (a single packet)
 * @param transport {@code tcp}, {@code udp}, {@code icmp} or {@code unknown_transport}
 * @param service protocols recognised in the flow, comma-separated, or null
 * @param originatorBytes payload bytes sent by the originator (TCP: from sequence numbers), -1 when unset
 * @param localOriginator null when no local networks are configured
 * @param history Zeek's history string, empty when nothing was recorded
 * @param tunnelParents uids of the encapsulating flows, outermost first
 * @param vlan outer VLAN id or -1; {@code innerVlan} likewise
 * @param communityId Community ID v1 of the flow
 * @param originatorFrameBytes captured bytes of the frames the originator sent, link-layer headers
 *     included (what Arkime and nDPI count)
 */
public record FlowRecord(
        String uid,
        long startNanos,
        long durationNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        String transport,
        int ipProtocol,
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
        List<String> tunnelParents,
        int vlan,
        int innerVlan,
        String communityId,
        long originatorFrameBytes,
        long responderFrameBytes,
        FlowEndReason endReason) {

    public boolean interim() {
        return endReason == FlowEndReason.ACTIVE_TIMEOUT;
    }
}
