package io.telltale.analysis.event;

/**
 * An address binding seen on the wire — an ARP message, or an IPv6 neighbour advertisement (then the
 * sender is the advertised target, and the responder the same): {@code mac} says it has {@code senderAddress}. Made when a binding
 * is new or changed, not for every ARP frame. Not a flow's record: the flow id is 0 and the ports -1;
 * the originator is the sender's address and the responder the address it asked about or answered.
 *
 * @param operation 1 request, 2 reply
 */
public record ArpRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        String mac,
        int operation) implements ProtocolRecord {

    /** The address the sender claims. */
    public String senderAddress() {
        return originatorHost;
    }
}
