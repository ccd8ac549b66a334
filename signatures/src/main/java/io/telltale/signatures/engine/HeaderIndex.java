package io.telltale.signatures.engine;

import io.telltale.capture.flow.Addresses;
import io.telltale.capture.flow.Flow;
import io.telltale.signatures.rule.AddressExpr;
import io.telltale.signatures.rule.PortExpr;
import io.telltale.signatures.rule.RuleOption;
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
    private record Group(String protocol, int source, int destination, int sourcePort, int destinationPort, boolean bothWays,
                         int direction, BitSet rules) {
    }

    /** 0: either direction, 1: from the client only (to_server), 2: from the server only (to_client). */
    private static int direction(CompiledRule r) {
        if (r.toClient()) {
            return 2;
        }
        boolean toServer = r.rule().all(RuleOption.Flow.class).stream().anyMatch(f -> f.settings().contains("to_server")
                || f.settings().contains("from_client"));
        return toServer ? 1 : 0;
    }

    private final List<AddressSet> addresses = new ArrayList<>();
    private final List<PortSet> ports = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();

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
            int direction = direction(r);
            List<Object> key = List.of(r.protocol(), s, d, sp, dp, r.bothWays(), direction);
            byKey.computeIfAbsent(key, k -> {
                Group g = new Group(r.protocol(), s, d, sp, dp, r.bothWays(), direction, new BitSet());
                groups.add(g);
                return g;
            }).rules().set(r.index());
        }
    }

    private static <T> int add(List<T> list, T item) {
        list.add(item);
        return list.size() - 1;
    }

    /** Groups, for the report. */
    int groups() {
        return groups.size();
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
        boolean[] inOriginator = new boolean[addresses.size()];
        boolean[] inResponder = new boolean[addresses.size()];
        for (int i = 0; i < addresses.size(); i++) {
            inOriginator[i] = addresses.get(i).contains(originator);
            inResponder[i] = addresses.get(i).contains(responder);
        }
        boolean[] originatorPort = new boolean[ports.size()];
        boolean[] responderPort = new boolean[ports.size()];
        for (int i = 0; i < ports.size(); i++) {
            originatorPort[i] = ports.get(i).contains(originatorPortNumber);
            responderPort[i] = ports.get(i).contains(responderPortNumber);
        }
        for (Group g : groups) {
            if (!protocols.fits(g.protocol())) {
                continue;
            }
            // from the originator: the source is the originator
            boolean forward = inOriginator[g.source()] && inResponder[g.destination()] && originatorPort[g.sourcePort()]
                    && responderPort[g.destinationPort()];
            boolean backward = inResponder[g.source()] && inOriginator[g.destination()] && responderPort[g.sourcePort()]
                    && originatorPort[g.destinationPort()];
            if (g.direction() != 2 && (forward || (g.bothWays() && backward))) {
                out[0].or(g.rules());
            }
            if (g.direction() != 1 && (backward || (g.bothWays() && forward))) {
                out[1].or(g.rules());
            }
        }
    }
}
