package io.telltale.analysis.pipeline;

import io.telltale.analysis.content.ContentScan;
import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.dissect.icmp.IcmpSession;
import io.telltale.analysis.event.ArpRecord;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.WeirdRecord;
import io.telltale.capture.flow.Flow;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowMeter;
import io.telltale.capture.flow.StreamHandler;
import io.telltale.capture.source.PacketHandler;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.List;

/**
 * One worker's analysis: a flow meter whose payload goes to protocol probes and, once a protocol is
 * recognised, to its dissector session. Protocols are recognised by content: probes whose usual ports
 * match the flow are tried first, then all others, on the first few payloads of the flow. Flow
 * records and protocol records leave through one {@link EventSink}.
 */
public final class AnalysisPipeline implements PacketHandler, StreamHandler {

    private final FlowMeter meter;
    private final EventSink sink;
    private final List<ProtocolSpec> protocols;
    /** Usual ports of each protocol as bit sets: a {@code Set<Integer>} lookup would box the port. */
    private final BitSet[] usualPorts;
    /**
     * Protocols whose payload is not searched for sensitive data: encrypted ones (nothing to see) and
     * DICOM, whose images are judged from its records (a DICOS store is the scanners' daily work).
     */
    private static final java.util.Set<String> NOT_SCANNED = java.util.Set.of("tls", "ssh", "quic", "dicom", "openvpn",
            "wireguard", "teamviewer", "rdp");
    private final ContentScan.Scratch contentScratch = new ContentScan.Scratch();
    private final io.telltale.capture.flow.LocalNetworks local;
    private static final int IPPROTO_ICMPV6 = 58;
    /** Packet-level weirds written per kind; beyond this they are only counted (Zeek samples likewise). */
    static final int WEIRDS_PER_KIND = 100;
    private final int[] weirdsWritten = new int[io.telltale.capture.decode.DecodeAnomaly.values().length];
    private long nowNanos;
    private long dissectorAnomalies;
    /** The packet path of the signature rules, or null; set before the first packet. */
    private PayloadInspector inspector;

    public AnalysisPipeline(FlowConfig config, List<ProtocolSpec> protocols, EventSink sink) {
        this.protocols = List.copyOf(protocols);
        this.usualPorts = new BitSet[this.protocols.size()];
        for (int i = 0; i < usualPorts.length; i++) {
            usualPorts[i] = new BitSet(65536);
            this.protocols.get(i).usualPorts().forEach(usualPorts[i]::set);
        }
        this.sink = sink;
        this.local = config.localNetworks();
        this.meter = new FlowMeter(config, record -> sink.accept(new FlowEvent(record)), this);
    }

    /** Every payload is shown to {@code inspector} too; call before the first packet. */
    public AnalysisPipeline inspectWith(PayloadInspector inspector) {
        this.inspector = inspector;
        return this;
    }

    public FlowMeter meter() {
        return meter;
    }

    /** Malformed messages the dissectors met, across all flows that have ended. */
    public long dissectorAnomalies() {
        return dissectorAnomalies;
    }

    @Override
    public void onPacket(long timestampNanos, int wireLength, MemorySegment data, long offset, int capturedLength,
                         int linkType) {
        if (timestampNanos > nowNanos) {
            nowNanos = timestampNanos;
        }
        meter.onPacket(timestampNanos, wireLength, data, offset, capturedLength, linkType);
    }

    /** Ends every flow (end of input) and flushes the sink. */
    public void finish() {
        meter.finish();
        sink.endOfBatch();
    }

    private void payload(Flow flow, boolean fromOriginator, MemorySegment data, long offset, int length, boolean stream) {
        FlowAnalysis analysis = (FlowAnalysis) flow.attachment();
        if (analysis == null) {
            analysis = new FlowAnalysis();
            flow.attach(analysis);
        }
        if (analysis.session == null && !analysis.unrecognised) {
            decide(flow, analysis, data, offset, length, stream, fromOriginator);
        }
        if (analysis.scanContent) {
            scanContent(flow, analysis, fromOriginator, data, offset, length);
        }
        if (analysis.session != null) {
            analysis.session.onPayload(nowNanos, fromOriginator, data, offset, length, stream, sink);
        }
        if (inspector != null) {
            long seen = fromOriginator ? analysis.inspectedFromOriginator : analysis.inspectedFromResponder;
            if (seen < PayloadInspector.DEPTH) {
                int shown = (int) Math.min(length, PayloadInspector.DEPTH - seen);
                if (fromOriginator) {
                    analysis.inspectedFromOriginator += shown;
                } else {
                    analysis.inspectedFromResponder += shown;
                }
                inspector.onPayload(flow, fromOriginator, stream, data, offset, shown, nowNanos, sink);
            }
        }
    }

    private void scanContent(Flow flow, FlowAnalysis analysis, boolean fromOriginator, MemorySegment data, long offset,
                             int length) {
        if (analysis.content == null) {
            // only what a site host sends can leak the site's data; what the Internet sends in is not scanned
            boolean originator = local.isEmpty() || local.contains(flow.originatorHigh(), flow.originatorLow());
            boolean responder = local.isEmpty() || local.contains(flow.responderHigh(), flow.responderLow());
            if (!originator && !responder) {
                analysis.scanContent = false;
                return;
            }
            analysis.content = new ContentScan(() -> FlowContext.of(flow), originator, responder);
        }
        analysis.content.onPayload(nowNanos, fromOriginator, data, offset, length, contentScratch, sink);
        if (analysis.content.finished()) {
            analysis.content.end();
            analysis.content = null;
            analysis.scanContent = false;
        }
    }

    private void decide(Flow flow, FlowAnalysis analysis, MemorySegment data, long offset, int length, boolean stream,
                        boolean fromOriginator) {
        ProtocolSpec found = null;
        // Picked up mid-stream, the bytes may start inside a message: only a distinctive start counts.
        // (Zeek's analyzers ignore such connections altogether; a monitor restarted mid-session must not.)
        boolean midStream = stream && !flow.sawStart();
        for (int pass = 0; pass < 2 && found == null; pass++) {
            for (int i = 0; i < protocols.size(); i++) {
                ProtocolSpec spec = protocols.get(i);
                if (midStream && !spec.resumesMidStream()) {
                    continue;
                }
                boolean portHint = usualPorts[i].get(flow.responderPort()) || usualPorts[i].get(flow.originatorPort());
                boolean transport = stream ? spec.tcp() : spec.udp();
                if (transport && portHint == (pass == 0) && spec.probe().matches(data, offset, length, stream, fromOriginator)) {
                    found = spec;
                    break;
                }
            }
        }
        if (found != null) {
            analysis.session = found.dissector().get().open(FlowContext.of(flow));
            analysis.protocol = found.name();
            analysis.scanContent = !NOT_SCANNED.contains(found.name());
            if (!analysis.scanContent && analysis.content != null) {
                analysis.content.end();
                analysis.content = null;
            }
            flow.addService(found.service());
        } else if (++analysis.probes >= (midStream ? FlowAnalysis.MAX_MID_STREAM_PROBES : FlowAnalysis.MAX_PROBES)) {
            analysis.unrecognised = true;
        }
    }

    @Override
    public void onStreamData(Flow flow, boolean fromOriginator, MemorySegment data, long offset, int length) {
        payload(flow, fromOriginator, data, offset, length, true);
    }

    @Override
    public void onDatagram(Flow flow, boolean fromOriginator, MemorySegment data, long offset, int length) {
        payload(flow, fromOriginator, data, offset, length, false);
    }

    @Override
    public void onIcmp(Flow flow, boolean fromOriginator, int type, int code, MemorySegment data, long offset,
                       int length) {
        if (type == NEIGHBOR_ADVERTISEMENT && flow.protocol() == IPPROTO_ICMPV6) {
            neighbour(data, offset, length);
        }
        IcmpSession session;
        if (flow.attachment() instanceof IcmpSession existing) {
            session = existing;
        } else {
            session = new IcmpSession(FlowContext.of(flow), flow.protocol() == IPPROTO_ICMPV6);
            flow.attach(session);
        }
        session.onMessage(nowNanos, type, code, data, offset, length);
        if (inspector != null) {
            inspector.onIcmp(flow, fromOriginator, type, code, data, offset, length, nowNanos, sink);
        }
    }

    /**
     * ARP bindings, each said once: a direct-mapped memory of the last MAC said for an address, so a
     * storm of the same ARP makes no record (and allocates nothing), and a MAC that changes is said again.
     */
    private final int[] arpAddresses = new int[ARP_SLOTS];
    private final long[] arpMacs = new long[ARP_SLOTS];
    private static final int ARP_SLOTS = 4096;

    @Override
    public void onArp(long timestampNanos, long senderMac, int senderIp, int targetIp, int operation) {
        if (senderIp == 0 || senderMac == 0) {
            return; // a probe (RFC 5227) claims nothing yet
        }
        int slot = (senderIp * 0x9E3779B1 >>> 20) & (ARP_SLOTS - 1);
        long said = senderMac | (1L << 63); // the high bit marks a used slot (a MAC has 48 bits)
        if (arpAddresses[slot] == senderIp && arpMacs[slot] == said) {
            return;
        }
        arpAddresses[slot] = senderIp;
        arpMacs[slot] = said;
        sink.accept(new ArpRecord(0, timestampNanos, ipv4(senderIp), -1, ipv4(targetIp), -1, mac(senderMac), operation));
    }

    private static final int NEIGHBOR_ADVERTISEMENT = 136;
    private static final int TARGET_LINK_LAYER_ADDRESS = 2;

    /**
     * An IPv6 neighbour advertisement (RFC 4861 §4.4): the target address and, in its target link-layer
     * option, the MAC that has it — IPv6's ARP reply, said once per binding like ARP.
     */
    private void neighbour(MemorySegment data, long offset, int length) {
        if (length < 24 + 8) {
            return;
        }
        long high = data.get(U64, offset + 8);
        long low = data.get(U64, offset + 16);
        for (long at = offset + 24; at + 8 <= offset + length; ) {
            int optionType = data.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at) & 0xff;
            int units = data.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at + 1) & 0xff;
            if (units == 0) {
                return; // malformed: an option of no length would loop forever
            }
            if (optionType == TARGET_LINK_LAYER_ADDRESS) {
                long mac = (Short.toUnsignedLong(data.get(U16, at + 2)) << 32) | Integer.toUnsignedLong(data.get(U32, at + 4));
                int slot = (int) ((high * 0x9E3779B97F4A7C15L ^ low) >>> 52) & (ARP_SLOTS - 1);
                int key = (int) (high ^ (high >>> 32) ^ low ^ (low >>> 32));
                long said = mac | (1L << 63);
                if (mac != 0 && !(arpAddresses[slot] == key && arpMacs[slot] == said)) {
                    arpAddresses[slot] = key;
                    arpMacs[slot] = said;
                    String target = io.telltale.capture.flow.Addresses.text(high, low);
                    sink.accept(new ArpRecord(0, nowNanos, target, -1, target, -1, mac(mac), 2));
                }
                return;
            }
            at += units * 8L;
        }
    }

    private static final java.lang.foreign.ValueLayout.OfLong U64 =
            java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.foreign.ValueLayout.OfInt U32 =
            java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.foreign.ValueLayout.OfShort U16 =
            java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    private static String ipv4(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    private static String mac(long m) {
        // by hand, not String.format: every ARP and DHCP packet names a MAC
        StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int octet = (int) (m >>> shift) & 0xff;
            text.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
            if (shift > 0) {
                text.append(':');
            }
        }
        return text.toString();
    }

    @Override
    public void onDecodeAnomaly(long timestampNanos, io.telltale.capture.decode.DecodeAnomaly anomaly) {
        if (anomaly != null && weirdsWritten[anomaly.ordinal()]++ < WEIRDS_PER_KIND) {
            sink.accept(new WeirdRecord(0, timestampNanos, null, -1, null, -1, anomaly.label(),
                    weirdsWritten[anomaly.ordinal()] == WEIRDS_PER_KIND ? "further ones only counted" : null, "decode"));
        }
    }

    @Override
    public void onStreamGap(Flow flow, boolean fromOriginator, long sequence, long length) {
        if (flow.attachment() instanceof FlowAnalysis analysis && analysis.session != null) {
            analysis.session.onGap(fromOriginator, length);
        }
    }

    @Override
    public void onFlowEnd(Flow flow, boolean interim) {
        if (!interim && inspector != null) {
            inspector.onFlowEnd(flow);
        }
        if (!interim && flow.attachment() instanceof IcmpSession icmp) {
            icmp.onEnd(sink);
            return;
        }
        if (interim || !(flow.attachment() instanceof FlowAnalysis analysis)) {
            return;
        }
        if (analysis.content != null) {
            analysis.content.end();
            analysis.content = null;
        }
        DissectorSession session = analysis.session;
        if (session != null) {
            session.onEnd(nowNanos, sink);
            long anomalies = session.anomalies();
            dissectorAnomalies += anomalies;
            if (anomalies > 0) {
                // Named per flow, so an analyst can find the packets; the dissector's counters say how many.
                FlowContext context = FlowContext.of(flow);
                sink.accept(new WeirdRecord(flow.id(), nowNanos, context.originatorHost(), context.originatorPort(),
                        context.responderHost(), context.responderPort(), analysis.protocol + "_malformed",
                        anomalies + (anomalies == 1 ? " message" : " messages") + " did not fit " + analysis.protocol,
                        analysis.protocol));
            }
        }
    }
}
