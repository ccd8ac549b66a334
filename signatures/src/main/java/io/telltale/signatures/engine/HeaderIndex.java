package io.telltale.signatures.engine;

import io.telltale.capture.flow.Addresses;
import io.telltale.capture.flow.Flow;
import io.telltale.signatures.rule.AddressExpr;
import io.telltale.signatures.rule.PortExpr;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packet rules grouped by header, as Suricata's signature group heads: rules that name the same
 * addresses, ports and protocol are one group, and the few distinct address and port sets are
 * judged once per flow. What a flow can possibly match, per direction, is then a bit set over the
 * packet rules; a flow that can match none is not scanned at all.
 */
final class HeaderIndex {

    /** Rules sharing one header. */
    private record Group(String protocol, int protocolId, int source, int destination, int sourcePort, int destinationPort, boolean bothWays,
                         int direction, BitSet rules) {
    }

    private final List<AddressSet> addresses = new ArrayList<>();
    private final List<PortSet> ports = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<String> protocolNames = new ArrayList<>();

    HeaderIndex(List<CompiledRule> packetRules) {
        // the rules indexed: packet rules for the packet path, header-only rules for flows
        Map<AddressExpr, Integer> addressIds = new HashMap<>();
        Map<PortExpr, Integer> portIds = new HashMap<>();
        Map<List<Object>, Group> byKey = new HashMap<>();
        for (CompiledRule r : packetRules) {
            int s = addressIds.computeIfAbsent(r.rule().source(), k -> add(addresses, r.source()));
            int d = addressIds.computeIfAbsent(r.rule().destination(), k -> add(addresses, r.destination()));
            int sp = portIds.computeIfAbsent(r.rule().sourcePort(), k -> add(ports, r.sourcePort()));
            int dp = portIds.computeIfAbsent(r.rule().destinationPort(), k -> add(ports, r.destinationPort()));
            int direction = r.direction();
            List<Object> key = List.of(r.protocol(), s, d, sp, dp, r.bothWays(), direction);
            byKey.computeIfAbsent(key, k -> {
                if (!protocolNames.contains(r.protocol())) {
                    protocolNames.add(r.protocol());
                }
                Group g = new Group(r.protocol(), protocolNames.indexOf(r.protocol()), s, d, sp, dp, r.bothWays(), direction,
                        new BitSet());
                groups.add(g);
                return g;
            }).rules().set(r.index());
        }
    }

    private static <T> int add(List<T> list, T item) {
        list.add(item);
        return list.size() - 1;
    }

    /** One end of a flow, its membership of each address and port set found when first asked. */
    private final class Side {
        private final byte[] address;
        private final int portNumber;
        private final byte[] inSet = new byte[addresses.size()];
        private final byte[] inPorts = new byte[ports.size()];

        Side(byte[] address, int portNumber) {
            this.address = address;
            this.portNumber = portNumber;
        }

        boolean in(int set) {
            if (inSet[set] == 0) {
                inSet[set] = (byte) (addresses.get(set).contains(address) ? 2 : 1);
            }
            return inSet[set] == 2;
        }

        boolean port(int set) {
            if (inPorts[set] == 0) {
                inPorts[set] = (byte) (ports.get(set).contains(portNumber) ? 2 : 1);
            }
            return inPorts[set] == 2;
        }
    }

    /** Whether a flow is of a rule's protocol. */
    interface ProtocolTest {
        boolean fits(String protocol);
    }

    /**
     * The packet rules whose header a flow can match: {@code out[0]} for payloads from the originator,
     * {@code out[1]} from the responder. The sets are cleared first.
     */
    void possible(Flow flow, boolean icmp, BitSet[] out) {
        possible(Addresses.bytes(flow.originatorHigh(), flow.originatorLow()), flow.originatorPort(),
                Addresses.bytes(flow.responderHigh(), flow.responderLow()), flow.responderPort(),
                protocol -> PacketInspector.protocolFits(protocol, flow, icmp), out);
    }

    /** The same for a flow given by its ends. */
    void possible(byte[] originator, int originatorPortNumber, byte[] responder, int responderPortNumber, ProtocolTest protocols,
                  BitSet[] out) {
        out[0].clear();
        out[1].clear();
        // judged lazily, each set at most once: a blocklist's hundreds of addresses are looked at only for
        // flows whose other end is in the rule's other set (0 unknown, 1 no, 2 yes)
        Side o = new Side(originator, originatorPortNumber);
        Side r = new Side(responder, responderPortNumber);
        byte[] protocolFits = new byte[protocolNames.size()];
        for (Group g : groups) {
            int p = g.protocolId();
            if (protocolFits[p] == 0) {
                protocolFits[p] = (byte) (protocols.fits(protocolNames.get(p)) ? 2 : 1);
            }
            if (protocolFits[p] != 2) {
                continue;
            }
            // from the originator: the source is the originator
            boolean forward = o.port(g.sourcePort()) && r.port(g.destinationPort()) && r.in(g.destination()) && o.in(g.source());
            boolean backward = r.port(g.sourcePort()) && o.port(g.destinationPort()) && o.in(g.destination()) && r.in(g.source());
            if (g.direction() != CompiledRule.FROM_SERVER && (forward || (g.bothWays() && backward))) {
                out[0].or(g.rules());
            }
            if (g.direction() != CompiledRule.FROM_CLIENT && (backward || (g.bothWays() && forward))) {
                out[1].or(g.rules());
            }
        }
    }
}
