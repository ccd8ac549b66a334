package io.telltale.analysis.detect;

import io.telltale.analysis.policy.AddressLiteral;

/**
 * What kind of address a remote end has: the Internet, the site, or a multicast/broadcast group.
 * The answers come from {@link AddressLiteral}, which parses each address once for the policy and
 * every detector together.
 */
public final class Addresses {

    private Addresses() {
    }

    /** Multicast, broadcast or link-local: on-link chatter, not a conversation with a peer. */
    public static boolean onLink(String address) {
        AddressLiteral literal = AddressLiteral.of(address);
        return literal != null && literal.onLink();
    }

    /** Outside every private, loopback, link-local, multicast and special-purpose range. */
    public static boolean internet(String address) {
        AddressLiteral literal = AddressLiteral.of(address);
        return literal != null && literal.internet();
    }
}
