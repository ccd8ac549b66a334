package io.telltale.analysis.event;

import java.util.List;

/**
 * One DHCPv6 message (RFC 8415): its type, transaction id, the client's DUID and the link-layer address
 * inside it, the options it asks for, its FQDN and vendor class — the same device fingerprint as
 * DHCPv4's, for IPv6 clients.
 *
 * @param clientMac the link-layer address of a DUID-LLT or DUID-LL of hardware type Ethernet, or null
 * @param vendorEnterprise the vendor class option's IANA enterprise number, or -1
 */
public record Dhcp6Record(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        int messageType,
        int transactionId,
        String clientDuid,
        String clientMac,
        List<Integer> optionRequest,
        String fqdn,
        long vendorEnterprise,
        String vendorClass) implements ProtocolRecord {

    public Dhcp6Record {
        optionRequest = List.copyOf(optionRequest);
    }

    /** The message type's name in RFC 8415 §7.3 ({@code SOLICIT}, {@code INFORMATION-REQUEST}, ...). */
    public String messageTypeName() {
        return switch (messageType) {
            case 1 -> "SOLICIT";
            case 2 -> "ADVERTISE";
            case 3 -> "REQUEST";
            case 4 -> "CONFIRM";
            case 5 -> "RENEW";
            case 6 -> "REBIND";
            case 7 -> "REPLY";
            case 8 -> "RELEASE";
            case 9 -> "DECLINE";
            case 10 -> "RECONFIGURE";
            case 11 -> "INFORMATION-REQUEST";
            case 12 -> "RELAY-FORW";
            case 13 -> "RELAY-REPL";
            default -> "TYPE-" + messageType;
        };
    }
}
