package io.telltale.analysis.event;

/**
 * The conversation an alert was raised on, when it was raised on one: the flow's id, its transport
 * ({@code tcp}, {@code udp}, {@code icmp}; null when only a protocol record was at hand), both ends
 * as the flow names them (originator first; ports are 0 where the transport has none), the
 * service the dissectors recognised (null if none) and the Community ID (null when unknown). A SIEM
 * wants the 5-tuple in its own columns (CEF {@code src spt dst dpt proto}), not in the prose.
 */
public record AlertConnection(
        long flowId,
        String transport,
        String originatorAddress,
        int originatorPort,
        String responderAddress,
        int responderPort,
        String service,
        String communityId) {
}
