package io.telltale.analysis.event;

import java.util.List;

/**
 * One DHCPv4 message. Addresses are dotted quads, {@code 0.0.0.0} when the field is zero; options
 * not present are null (or -1, or empty).
 *
 * @param fromOriginator sent by the flow's originator (the client, once the flow is oriented by its ports)
 * @param transactionId {@code xid}: joins the messages of one exchange, across flows
 * @param messageType option 53 (1 DISCOVER ... 8 INFORM), or -1 for BOOTP without it
 * @param hardwareAddress {@code chaddr} as a MAC address when the hardware type is Ethernet
 * @param clientIdMac option 61 when it holds an Ethernet address
 * @param parameterRequestList option 55, the codes in the client's order
 */
public record DhcpRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        boolean fromOriginator,
        long transactionId,
        int messageType,
        String hardwareAddress,
        String clientAddress,
        String yourAddress,
        String requestedAddress,
        String serverIdentifier,
        String hostName,
        String clientFqdn,
        String domainName,
        long leaseSeconds,
        String message,
        String vendorClass,
        String clientIdMac,
        List<Integer> parameterRequestList) implements ProtocolRecord {

    public DhcpRecord {
        parameterRequestList = List.copyOf(parameterRequestList);
    }

    /** The message type as Zeek names it ({@code DISCOVER}, {@code ACK}, ...). */
    public String messageTypeName() {
        return switch (messageType) {
            case 1 -> "DISCOVER";
            case 2 -> "OFFER";
            case 3 -> "REQUEST";
            case 4 -> "DECLINE";
            case 5 -> "ACK";
            case 6 -> "NAK";
            case 7 -> "RELEASE";
            case 8 -> "INFORM";
            case 9 -> "FORCERENEW";
            case 10 -> "LEASEQUERY";
            case 11 -> "LEASEUNASSIGNED";
            case 12 -> "LEASEUNKNOWN";
            case 13 -> "LEASEACTIVE";
            default -> messageType < 0 ? "BOOTP" : "TYPE-" + messageType;
        };
    }
}
