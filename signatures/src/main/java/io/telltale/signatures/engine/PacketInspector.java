package io.telltale.signatures.engine;

import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.RuleMatchRecord;
import io.telltale.analysis.pipeline.PayloadInspector;
import io.telltale.capture.flow.Addresses;
import io.telltale.capture.flow.Flow;
import io.telltale.signatures.match.PatternSet;
import io.telltale.signatures.rule.RuleOption;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The packet path of the rules, on a worker's thread: each payload (a TCP stream chunk in order, a
 * UDP datagram, an ICMP message) is scanned once by the fast-pattern automaton in place, and only
 * the rules whose pattern occurs are evaluated: header, direction, dsize, itype/icode, flowbits
 * (this worker's, per flow), then the payload tests on a copy. A match leaves as a
 * {@link RuleMatchRecord}; thresholds, suppression and the alert are the detection thread's. A
 * payload with no candidate allocates nothing.
 */
public final class PacketInspector implements PayloadInspector {

    /** Bytes of the payload kept as evidence in the record. */
    static final int EXCERPT = 64;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;

    private final Supplier<RuleSet> rules;
    private final BitSet candidates = new BitSet();
    /** The payload copied out of the frame once: the automaton runs fastest on an array. */
    private byte[] scratch = new byte[2048];
    /** The automaton's states told this scan ({@link PatternSet#scanDistinct}). */
    private int[] seen = new int[0];
    private int stamp;
    private final FlowbitTable flowbits = new FlowbitTable();
    /**
     * Per flow-table slot: the flow whose headers were judged there, the rule set judged against, and
     * the packet rules each direction can match ({@link HeaderIndex}). Judged on the flow's first
     * payload, then looked up by slot: no map, no allocation per packet.
     */
    private long[] slotFlow = new long[0];
    private RuleSet[] slotRules = new RuleSet[0];
    /** The flow's service when judged: a flow named later (its protocol recognised) is judged again. */
    private String[] slotService = new String[0];
    private BitSet[][] slotPossible = new BitSet[0][];
    private Lane scanning;
    private final PatternSet.Hits onHit = (pattern, end) -> candidates.set(scanning.ruleOfPattern()[pattern]);

    /**
     * A prefilter for one set of possible rules: the fast patterns of just those rules, so a flow that
     * only rules with wide headers fit (any to any) is scanned by a small automaton, not by all of
     * them. Few distinct sets occur (the flows' address classes), each built once per worker.
     */
    private record Lane(PatternSet patterns, int[] ruleOfPattern, int[] unprefiltered) {
    }

    private final Map<BitSet, Lane> lanes = new HashMap<>();
    private RuleSet lanesFor;
    private Lane[][] slotLane = new Lane[0][];
    /** Distinct rule sets a worker keeps prefilters for; past it they are built again as needed. */
    static final int MAX_LANES = 256;

    public PacketInspector(Supplier<RuleSet> rules) {
        this.rules = rules;
    }

    @Override
    public void onPayload(Flow flow, boolean fromOriginator, boolean stream, MemorySegment data, long offset, int length,
                          long nowNanos, EventSink sink) {
        inspect(flow, fromOriginator, -1, -1, data, offset, length, nowNanos, sink);
    }

    @Override
    public void onIcmp(Flow flow, boolean fromOriginator, int type, int code, MemorySegment data, long offset, int length,
                       long nowNanos, EventSink sink) {
        inspect(flow, fromOriginator, type, code, data, offset, length, nowNanos, sink);
    }

    @Override
    public void onFlowEnd(Flow flow) {
        flowbits.forget(flow.id());
    }

    private void inspect(Flow flow, boolean fromOriginator, int icmpType, int icmpCode, MemorySegment data, long offset, int length,
                         long nowNanos, EventSink sink) {
        RuleSet set = rules.get();
        if (set.packetRules.isEmpty()) {
            return;
        }
        Lane lane = lane(set, flow, icmpType >= 0, fromOriginator);
        if (lane == null) {
            return; // no packet rule's header fits this flow this way: nothing to scan for
        }
        candidates.clear();
        scanning = lane;
        if (length > 0 && lane.patterns().size() > 0) {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, offset, scratch, 0, length);
            if (seen.length < lane.patterns().states()) {
                seen = new int[lane.patterns().states()];
                stamp = 0;
            }
            lane.patterns().scanDistinct(scratch, 0, length, seen, ++stamp, onHit);
        }
        for (int r : lane.unprefiltered()) {
            candidates.set(r);
        }
        if (candidates.isEmpty()) {
            return;
        }
        for (CompiledRule pass : set.passes) {
            // a header-only pass rule over this flow lets its packets go (Suricata's pass)
            if (pass.headerOnly() && fits(pass, flow, icmpType >= 0) && header(pass, flow, fromOriginator)) {
                return;
            }
        }
        byte[] payload = null;
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            CompiledRule r = set.rules.get(i);
            if (r.rule().action() == io.telltale.signatures.rule.Rule.Action.PASS || !fits(r, flow, icmpType >= 0)
                    || !header(r, flow, fromOriginator) || !packetTests(r, length, icmpType, icmpCode, flow.lastTtl(fromOriginator)) || !flowbits.allow(r.flowbits(), flow.id())) {
                continue;
            }
            if (r.payload() != null) {
                if (payload == null) {
                    payload = new byte[length];
                    MemorySegment.copy(data, ValueLayout.JAVA_BYTE, offset, payload, 0, length);
                }
                if (!r.payload().matches(payload)) {
                    continue;
                }
            }
            flowbits.apply(r.flowbits(), flow.id());
            if (!r.noalert()) {
                sink.accept(new RuleMatchRecord(flow.id(), nowNanos, Addresses.text(flow.originatorHigh(), flow.originatorLow()),
                        flow.originatorPort(), Addresses.text(flow.responderHigh(), flow.responderLow()), flow.responderPort(),
                        r.rule().gid(), r.rule().sid(), fromOriginator, excerpt(data, offset, length)));
            }
        }
    }

    /**
     * The prefilter for the packet rules this flow's headers can match this way (null: none can),
     * judged once per flow, rule set and service, then found by the flow's table slot.
     */
    private Lane lane(RuleSet set, Flow flow, boolean icmp, boolean fromOriginator) {
        int slot = flow.slot();
        if (slot >= slotFlow.length) {
            int n = Math.max(slot + 1, slotFlow.length * 2);
            slotFlow = java.util.Arrays.copyOf(slotFlow, n);
            slotRules = java.util.Arrays.copyOf(slotRules, n);
            slotService = java.util.Arrays.copyOf(slotService, n);
            slotPossible = java.util.Arrays.copyOf(slotPossible, n);
            slotLane = java.util.Arrays.copyOf(slotLane, n);
        }
        BitSet[] p = slotPossible[slot];
        if (p == null) {
            p = slotPossible[slot] = new BitSet[] {new BitSet(), new BitSet()};
            slotLane[slot] = new Lane[2];
        }
        if (slotFlow[slot] != flow.id() || slotRules[slot] != set || slotService[slot] != flow.service()) {
            set.packetHeaders.possible(flow, icmp, p);
            slotFlow[slot] = flow.id();
            slotRules[slot] = set;
            slotService[slot] = flow.service();
            slotLane[slot][0] = p[0].isEmpty() ? null : lane(set, p[0]);
            slotLane[slot][1] = p[1].isEmpty() ? null : lane(set, p[1]);
        }
        return slotLane[slot][fromOriginator ? 0 : 1];
    }

    private Lane lane(RuleSet set, BitSet possible) {
        if (lanesFor != set || lanes.size() >= MAX_LANES) {
            lanes.clear();
            lanesFor = set;
        }
        Lane lane = lanes.get(possible);
        if (lane == null) {
            PatternSet.Builder patterns = PatternSet.builder();
            List<Integer> owners = new java.util.ArrayList<>();
            List<Integer> always = new java.util.ArrayList<>();
            for (int i = possible.nextSetBit(0); i >= 0; i = possible.nextSetBit(i + 1)) {
                CompiledRule r = set.rules.get(i);
                RuleCompiler.Prefilter f = RuleCompiler.prefilter(r);
                if (f != null && f.buffer().equals("pkt_data") && r.payload() != null && r.payload().transformsKey().isEmpty()) {
                    patterns.add(f.pattern(), f.nocase());
                    owners.add(i);
                } else {
                    always.add(i);
                }
            }
            lane = new Lane(patterns.build(), owners.stream().mapToInt(Integer::intValue).toArray(),
                    always.stream().mapToInt(Integer::intValue).toArray());
            lanes.put((BitSet) possible.clone(), lane);
        }
        return lane;
    }

    static boolean protocolFits(String protocol, Flow flow, boolean icmp) {
        int p = flow.protocol();
        return switch (protocol) {
            case "ip" -> true;
            case "tcp", "tcp-pkt", "tcp-stream" -> p == PROTO_TCP;
            case "udp" -> p == PROTO_UDP;
            case "icmp" -> icmp || p == 1 || p == 58;
            default -> names(flow.service(), protocol);
        };
    }

    /** Whether a comma-separated service list ({@code dns,http}) names {@code protocol}; allocates nothing. */
    static boolean names(String services, String protocol) {
        if (services == null) {
            return false;
        }
        int at = 0;
        while (true) {
            int found = services.indexOf(protocol, at);
            if (found < 0) {
                return false;
            }
            int end = found + protocol.length();
            if ((found == 0 || services.charAt(found - 1) == ',') && (end == services.length() || services.charAt(end) == ',')) {
                return true;
            }
            at = found + 1;
        }
    }

    private static boolean fits(CompiledRule r, Flow flow, boolean icmp) {
        if (!protocolFits(r.protocol(), flow, icmp)) {
            return false;
        }
        int p = flow.protocol();
        // payload on a TCP flow is past the handshake; elsewhere a flow is established once both ends have sent
        return !r.established() || p == PROTO_TCP || (flow.originatorPackets() > 0 && flow.responderPackets() > 0);
    }

    private static boolean header(CompiledRule r, Flow flow, boolean fromOriginator) {
        if ((r.direction() == CompiledRule.FROM_SERVER && fromOriginator) || (r.direction() == CompiledRule.FROM_CLIENT
                && !fromOriginator)) {
            return false;
        }
        byte[] originator = Addresses.bytes(flow.originatorHigh(), flow.originatorLow());
        byte[] responder = Addresses.bytes(flow.responderHigh(), flow.responderLow());
        byte[] src = fromOriginator ? originator : responder;
        byte[] dst = fromOriginator ? responder : originator;
        int srcPort = fromOriginator ? flow.originatorPort() : flow.responderPort();
        int dstPort = fromOriginator ? flow.responderPort() : flow.originatorPort();
        return matchesHeader(r, src, srcPort, dst, dstPort) || (r.bothWays() && matchesHeader(r, dst, dstPort, src, srcPort));
    }

    private static boolean matchesHeader(CompiledRule r, byte[] src, int srcPort, byte[] dst, int dstPort) {
        return r.source().contains(src) && r.destination().contains(dst) && r.sourcePort().contains(srcPort)
                && r.destinationPort().contains(dstPort);
    }

    private static boolean packetTests(CompiledRule r, int length, int icmpType, int icmpCode, int ttl) {
        for (RuleOption.Compare c : r.packetTests()) {
            boolean ok = switch (c.keyword()) {
                case "dsize" -> c.test().test(length);
                case "ttl" -> c.test().test(ttl); // the last packet of that side: the one that brought this payload
                case "itype" -> icmpType >= 0 && c.test().test(icmpType);
                case "icode" -> icmpCode >= 0 && c.test().test(icmpCode);
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The first bytes as printable text, other bytes as \xNN: evidence that cannot break a log line. */
    static String excerpt(MemorySegment data, long offset, int length) {
        StringBuilder b = new StringBuilder(EXCERPT + 16);
        int n = Math.min(length, EXCERPT);
        for (int i = 0; i < n; i++) {
            int c = data.get(ValueLayout.JAVA_BYTE, offset + i) & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02x", c));
            }
        }
        if (length > n) {
            b.append("...");
        }
        return b.toString();
    }
}
