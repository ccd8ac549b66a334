package io.telltale.signatures.engine;

import com.google.common.net.InetAddresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.event.SignatureHit;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.signatures.rule.RuleOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rules, run on the analysis's protocol records (a DNS query, a TLS hello, an HTTP transaction,
 * an SSH handshake: Suricata's sticky buffers) and, for rules that read only the header, on each
 * flow. Keeps flowbits per flow (dropped when the flow ends) and threshold and detection_filter
 * counts per tracked address in packet time. The rule set can be swapped between events
 * ({@link #replace}), so a reload is atomic.
 */
public final class SignatureDetector implements Detector {

    /** Threshold and detection_filter states kept at most; past it they start again (rules fire a little more). */
    static final int MAX_RATE_STATES = 100_000;

    private volatile RuleSet rules;
    private final FlowbitTable flowbits = new FlowbitTable();
    private final Map<String, long[]> rates = new HashMap<>();
    private final BitSet candidates = new BitSet();
    /** The record's buffers as read once for all lanes and rules: key is the buffer, then 0 or 1 for the side. */
    private final Map<String, String> values = new HashMap<>();
    private ProtocolRecord valuesOf;
    private int[] seen = new int[0];
    private int stamp;

    public SignatureDetector(RuleSet rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return "signature";
    }

    /** A new rule set for the events from now on. */
    public void replace(RuleSet next) {
        this.rules = next;
    }


    /** The rule set in force: the packet path reads it too, so a reload reaches both at once. */
    public RuleSet rules() {
        return rules;
    }

    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        if (record instanceof io.telltale.analysis.event.RuleMatchRecord m) {
            CompiledRule r = rules.rule(m.gid(), m.sid());
            if (r != null) { // null: the rule went in a reload while the match was on its way
                fire(r, m.flowId(), m.timestampNanos(), m.originatorHost(), m.originatorPort(), m.responderHost(),
                        m.responderPort(), "payload", "pkt_data", m.excerpt(), out);
            }
            return;
        }
        String protocol = Buffers.protocol(record);
        if (protocol == null) {
            return;
        }
        RuleSet set = rules;
        candidates.clear();
        for (RuleSet.Lane lane : set.lanes) {
            for (boolean toClient : new boolean[] {false, true}) {
                String value = value(record, lane.buffer(), toClient);
                if (value == null || (toClient && !Buffers.EITHER_SIDE.contains(lane.buffer()))) {
                    continue;
                }
                byte[] b = lane.transformer().transform(value.getBytes(StandardCharsets.ISO_8859_1));
                if (seen.length < lane.patterns().states()) {
                    seen = new int[lane.patterns().states()];
                    stamp = 0;
                }
                lane.patterns().scanDistinct(b, 0, b.length, seen, ++stamp, (pattern, end) -> candidates.set(lane.ruleOfPattern()[pattern]));
            }
        }
        for (CompiledRule r : set.unprefiltered) {
            candidates.set(r.index());
        }
        // rules that set flowbits first, so a rule reading them sees this record's
        List<CompiledRule> order = new ArrayList<>();
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            CompiledRule r = set.rules.get(i);
            if (r.setsBits()) {
                order.add(r);
            }
        }
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            CompiledRule r = set.rules.get(i);
            if (!r.setsBits()) {
                order.add(r);
            }
        }
        boolean tcp = Buffers.tcp(record);
        // a pass rule that matches lets the record go: nothing else is said about it (Suricata's pass)
        for (CompiledRule r : set.passes) {
            if (fits(r.protocol(), protocol, tcp) && (r.headerOnly() ? headerEitherWay(r, record) : matches(r, record) != null)) {
                return;
            }
        }
        for (CompiledRule r : order) {
            if (r.rule().action() != io.telltale.signatures.rule.Rule.Action.PASS && fits(r.protocol(), protocol, tcp)) {
                evaluate(r, record, out);
            }
        }
    }

    private boolean headerEitherWay(CompiledRule r, ProtocolRecord record) {
        return header(r, record.originatorHost(), record.originatorPort(), record.responderHost(), record.responderPort())
                || (r.bothWays() && header(r, record.responderHost(), record.responderPort(), record.originatorHost(),
                record.originatorPort()));
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        if (!f.interim()) {
            flowbits.forget(f.id());
        }
        RuleSet set = rules;
        byte[] originator = address(f.originatorHost());
        byte[] responder = address(f.responderHost());
        if (originator == null || responder == null) {
            return;
        }
        for (CompiledRule r : set.passes) {
            if (r.headerOnly() && flowFits(r, f) && (header(r, originator, f.originatorPort(), responder, f.responderPort())
                    || (r.bothWays() && header(r, responder, f.responderPort(), originator, f.originatorPort())))) {
                return; // passed
            }
        }
        set.flowHeaders.possible(originator, f.originatorPort(), responder, f.responderPort(), protocol -> protocolFits(protocol, f),
                flowPossible);
        flowPossible[0].or(flowPossible[1]);
        for (int i = flowPossible[0].nextSetBit(0); i >= 0; i = flowPossible[0].nextSetBit(i + 1)) {
            CompiledRule r = set.rules.get(i);
            if (!flowFits(r, f)) {
                continue;
            }
            boolean forward = header(r, originator, f.originatorPort(), responder, f.responderPort());
            if (!forward && !(r.bothWays() && header(r, responder, f.responderPort(), originator, f.originatorPort()))) {
                continue;
            }
            if (!flowbits.allow(r.flowbits(), f.id())) {
                continue;
            }
            fire(r, f.id(), f.startNanos(), f.originatorHost(), f.originatorPort(), f.responderHost(), f.responderPort(),
                    f.transport(), null, null, out);
        }
    }

    /** A buffer of the record, read once per record whatever the number of lanes and rules that look at it. */
    private String value(ProtocolRecord record, String buffer, boolean toClient) {
        if (valuesOf != record) {
            values.clear();
            valuesOf = record;
        }
        String key = toClient ? buffer + "|1" : buffer;
        String v = values.get(key);
        if (v == null && !values.containsKey(key)) {
            v = Buffers.value(record, buffer, toClient);
            values.put(key, v);
        }
        return v;
    }

    private final BitSet[] flowPossible = {new BitSet(), new BitSet()};

    private static boolean protocolFits(String protocol, FlowRecord f) {
        String transport = f.transport();
        return switch (protocol) {
            case "ip" -> true;
            case "tcp", "tcp-pkt", "tcp-stream" -> transport.equals("tcp");
            case "udp" -> transport.equals("udp");
            case "icmp" -> transport.startsWith("icmp");
            default -> PacketInspector.names(f.service(), protocol);
        };
    }

    private static boolean flowFits(CompiledRule r, FlowRecord f) {
        if (!protocolFits(r.protocol(), f)) {
            return false;
        }
        String transport = f.transport();
        if (r.established()) {
            // a TCP flow is established once both sides spoke after the handshake; others once both sent
            return transport.equals("tcp") ? f.history() != null && f.history().contains("S") && f.history().contains("h")
                    : f.originatorPackets() > 0 && f.responderPackets() > 0;
        }
        return true;
    }

    private static boolean fits(String ruleProtocol, String recordProtocol, boolean tcp) {
        return switch (ruleProtocol) {
            case "ip" -> true;
            case "tcp", "tcp-pkt", "tcp-stream" -> tcp;
            case "udp" -> !tcp;
            case "http1" -> recordProtocol.equals("http");
            default -> ruleProtocol.equals(recordProtocol);
        };
    }

    private void evaluate(CompiledRule r, ProtocolRecord record, Consumer<Finding> out) {
        String[] hit = matches(r, record);
        if (hit != null) {
            fire(r, record.flowId(), record.timestampNanos(), record.originatorHost(), record.originatorPort(),
                    record.responderHost(), record.responderPort(), Buffers.protocol(record), hit[0], hit[1], out);
        }
    }

    /** Whether the rule matches the record: null if not, else its first buffer and value (nulls when it reads none). */
    private String[] matches(CompiledRule r, ProtocolRecord record) {
        boolean toClient = r.toClient();
        String src = toClient ? record.responderHost() : record.originatorHost();
        int srcPort = toClient ? record.responderPort() : record.originatorPort();
        String dst = toClient ? record.originatorHost() : record.responderHost();
        int dstPort = toClient ? record.originatorPort() : record.responderPort();
        if (!header(r, src, srcPort, dst, dstPort) && !(r.bothWays() && header(r, dst, dstPort, src, srcPort))) {
            return null;
        }
        if (!flowbits.allow(r.flowbits(), record.flowId())) {
            return null;
        }
        String firstBuffer = null;
        String firstValue = null;
        for (BufferProgram program : r.buffers()) {
            String value = value(record, program.buffer, toClient);
            if (value == null || !program.matches(value.getBytes(StandardCharsets.ISO_8859_1))) {
                return null;
            }
            if (firstBuffer == null) {
                firstBuffer = program.buffer;
                firstValue = value;
            }
        }
        return new String[] {firstBuffer, firstValue};
    }

    private static boolean header(CompiledRule r, String src, int srcPort, String dst, int dstPort) {
        byte[] s = address(src);
        byte[] d = address(dst);
        return s != null && d != null && header(r, s, srcPort, d, dstPort);
    }

    private static boolean header(CompiledRule r, byte[] src, int srcPort, byte[] dst, int dstPort) {
        return r.sourcePort().contains(srcPort) && r.destinationPort().contains(dstPort) && r.source().contains(src)
                && r.destination().contains(dst);
    }

    private static final Map<String, byte[]> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] address(String text) {
        if (text == null) {
            return null;
        }
        byte[] b = PARSED.get(text);
        if (b == null) {
            if (!InetAddresses.isInetAddress(text)) {
                return null;
            }
            b = InetAddresses.forString(text).getAddress();
            if (PARSED.size() > 65_536) {
                PARSED.clear();
            }
            PARSED.put(text, b);
        }
        return b;
    }

    private void fire(CompiledRule r, long flowId, long nanos, String originator, int originatorPort, String responder,
                      int responderPort, String protocol, String buffer, String value, Consumer<Finding> out) {
        flowbits.apply(r.flowbits(), flowId);
        if (r.noalert() || !rateAllows(r, nanos, originator, responder)) {
            return;
        }
        var rule = r.rule();
        String where = buffer == null ? protocol : buffer + " \"" + value + "\"";
        String why = "Rule " + rule.gid() + ":" + rule.sid() + ":" + rule.rev() + " (\"" + rule.msg() + "\""
                + (r.classDescription() == null ? "" : ", " + r.classDescription()) + ") matched " + where + " in the "
                + protocol + " conversation " + originator + ":" + originatorPort + " -> " + responder + ":" + responderPort + "."
                + (rule.action() == io.telltale.signatures.rule.Rule.Action.DROP || rule.action() == io.telltale.signatures.rule.Rule.Action.REJECT
                ? " It is a " + rule.action().keyword() + " rule: Telltale only watches, nothing was blocked." : "");
        out.accept(new Finding(nanos, Category.SIGNATURE, r.severity(), rule.msg().isEmpty() ? "Rule " + rule.sid() : rule.msg(), why,
                originator, responder, null, r.attack(), flowId == 0 ? List.of() : List.of(flowId), -1,
                new SignatureHit(rule.gid(), rule.sid(), rule.rev(), rule.msg(), r.classtype(), buffer, value)));
    }

    /** threshold and detection_filter, counted per tracked address in packet time. */
    private boolean rateAllows(CompiledRule r, long nanos, String originator, String responder) {
        RuleOption.Threshold t = r.threshold();
        RuleOption.DetectionFilter d = r.detectionFilter();
        if (t == null && d == null) {
            return true;
        }
        String track = t != null ? t.track() : d.track();
        int count = t != null ? t.count() : d.count();
        long window = (t != null ? t.seconds() : d.seconds()) * 1_000_000_000L;
        String by = switch (track) {
            case "by_src" -> r.toClient() ? responder : originator;
            case "by_dst" -> r.toClient() ? originator : responder;
            case "by_both" -> originator + "|" + responder;
            default -> "";
        };
        if (rates.size() >= MAX_RATE_STATES) {
            rates.clear();
        }
        long[] s = rates.computeIfAbsent(r.index() + "|" + by, k -> new long[] {nanos, 0, 0});
        if (nanos - s[0] >= window) {
            s[0] = nanos;
            s[1] = 0;
            s[2] = 0;
        }
        s[1]++;
        if (d != null) {
            return s[1] > count; // every match past the first count in the window
        }
        return switch (t.type()) {
            case "limit" -> s[1] <= count;
            case "threshold" -> s[1] % count == 0;
            default -> { // both: once per window, at the count-th match
                yield s[1] == count;
            }
        };
    }
}
