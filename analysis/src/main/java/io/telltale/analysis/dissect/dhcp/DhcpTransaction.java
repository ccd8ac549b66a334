package io.telltale.analysis.dissect.dhcp;

import java.util.List;

/**
 * The messages of one DHCP exchange (one {@code xid}) joined as Zeek's dhcp.log joins them, with the
 * client's vendor class and parameter request list added: together they fingerprint its DHCP client.
 *
 * @param flowIds the flows its messages travelled in, in order of first use
 * @param durationNanos from the first message to the last
 */
public record DhcpTransaction(
        long timestampNanos,
        List<Long> flowIds,
        String clientAddress,
        String serverAddress,
        String mac,
        String hostName,
        String clientFqdn,
        String domain,
        String requestedAddress,
        String assignedAddress,
        long leaseSeconds,
        String clientMessage,
        String serverMessage,
        List<String> messageTypes,
        long durationNanos,
        String vendorClass,
        List<Integer> requestedOptions) {

    public DhcpTransaction {
        flowIds = List.copyOf(flowIds);
        messageTypes = List.copyOf(messageTypes);
        requestedOptions = List.copyOf(requestedOptions);
    }
}
