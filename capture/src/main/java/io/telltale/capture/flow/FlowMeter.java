package io.telltale.capture.flow;

import io.telltale.capture.decode.Checksums;
import io.telltale.capture.decode.DecodeAnomaly;
import io.telltale.capture.decode.DecodeStats;
import io.telltale.capture.decode.DecodedPacket;
import io.telltale.capture.decode.PacketDecoder;
import io.telltale.capture.flow.tcp.TcpConnection;
import io.telltale.capture.flow.tcp.TcpState;
import io.telltale.capture.source.PacketHandler;
import io.telltale.capture.stream.ReassemblyBudget;
import java.lang.foreign.MemorySegment;

/**
 * Turns packets into flows: decodes each frame, finds or creates its flow, updates counters and the
 * TCP state machine, feeds the reassembler, ends flows on their timeouts (packet time), and writes a
 * {@link FlowRecord} for each flow that ends. This is the metering process of one worker thread.
 *
 * <p>Per packet it allocates nothing: the decoded packet, flows and buffers are reused. Records are
 * allocated once per flow when they leave.
 */
public final class FlowMeter implements PacketHandler {

    /** Deadlines checked per packet: a sequential scan of a long[], so the whole pool is seen regularly. */
    static final int SWEEP_PER_PACKET = 8;

    private final FlowConfig config;
    private final FlowRecordSink sink;
    /** Whether any network is watched: the per-flow test is skipped when none is. */
    private final boolean watching;
    private final StreamHandler streams;
    private final PacketDecoder decoder;
    private final FlowTable table;
    private final ReassemblyBudget budget;
    private final DecodedPacket packet = new DecodedPacket();
    private final MeterStats stats = new MeterStats();
    private long clockNanos = Long.MIN_VALUE;
    private int sweepCursor;
    private FlowPacketObserver observer = FlowPacketObserver.NONE;
    // the frame being metered, for the observer (a tunnel's inner flow sees the same frame)
    private long frameNanos;
    private int frameWireLength;
    private MemorySegment frameData;
    private long frameOffset;
    private int frameCapturedLength;
    private int frameLinkType;

    public FlowMeter(FlowConfig config, FlowRecordSink sink, StreamHandler streams) {
        this.config = config;
        this.watching = !config.watched().isEmpty();
        this.sink = sink;
        this.streams = streams;
        this.decoder = new PacketDecoder(new DecodeStats(), config.fragments());
        this.budget = new ReassemblyBudget(config.reassemblyWindowBytes(), config.reassemblyBuffers());
        this.table = new FlowTable(config.maxFlows(), budget);
    }

    public MeterStats stats() {
        return stats;
    }

    /** Every frame metered into a flow also goes to this observer (the packet store). */
    public void observeWith(FlowPacketObserver packetObserver) {
        this.observer = packetObserver;
    }

    public DecodeStats decodeStats() {
        return decoder.stats();
    }

    public ReassemblyBudget reassemblyBudget() {
        return budget;
    }

    public int liveFlows() {
        return table.size();
    }

    @Override
    public void onPacket(long timestampNanos, int wireLength, MemorySegment data, long offset, int capturedLength,
                         int linkType) {
        stats.packets++;
        stats.wireBytes += wireLength;
        if (timestampNanos > clockNanos) {
            clockNanos = timestampNanos;
        }
        frameNanos = timestampNanos;
        frameWireLength = wireLength;
        frameData = data;
        frameOffset = offset;
        frameCapturedLength = capturedLength;
        frameLinkType = linkType;
        long anomaliesBefore = decoder.stats().events();
        int result = decoder.decode(timestampNanos, wireLength, data, offset, capturedLength, linkType, packet);
        if (result != PacketDecoder.TRANSPORT && observer != FlowPacketObserver.NONE) {
            // ARP, other link protocols, fragments still held, damaged packets: stored too, in no flow
            observer.onFlowPacket(null, null, timestampNanos, wireLength, data, offset, capturedLength, linkType);
        }
        if (result == PacketDecoder.TRANSPORT) {
            stats.ipPackets++;
            account(packet);
        } else if (result == PacketDecoder.HELD) {
            stats.heldFragments++;
        } else if (result == PacketDecoder.ARP) {
            streams.onArp(timestampNanos, packet.arpSenderMac, packet.arpSenderIp, packet.arpTargetIp, packet.arpOperation);
        } else if (decoder.stats().events() != anomaliesBefore) {
            streams.onDecodeAnomaly(timestampNanos, decoder.stats().last());
        }
        sweep();
    }

    /**
     * Moves the meter's clock (the latest packet time seen, against which flows expire) to at least
     * {@code nanos}. A worker that meters a shard of the traffic is told the reader's clock before each
     * frame, so its flows expire exactly when they would with every frame in one meter, even where the
     * input's timestamps are not in order.
     */
    /** The latest packet time seen. */
    public long clockNanos() {
        return clockNanos;
    }

    public void advanceClock(long nanos) {
        if (nanos > clockNanos) {
            clockNanos = nanos;
        }
    }

    /** Ends every live flow (end of input); records leave in pool order, the same on every run. */
    public void finish() {
        for (int index = 0; index < table.poolSize(); index++) {
            if (table.live(index)) {
                end(index, FlowEndReason.END_OF_INPUT);
            }
        }
    }

    private void account(DecodedPacket p) {
        if (config.verifyChecksums() && p.ipVersion == 4 && !p.reassembled
                && !Checksums.ipv4HeaderValid(p.data, p.ipOffset, (int) (headerEnd(p) - p.ipOffset))) {
            // Zeek drops such packets before they reach a connection.
            decoder.stats().record(DecodeAnomaly.BAD_IP_CHECKSUM);
            return;
        }
        Flow flow = flowOf(p);
        boolean fromOriginator = flow.fromOriginator(table.lastLookupSourceIsA());
        update(flow, fromOriginator, p);
        if (observer != FlowPacketObserver.NONE) {
            observer.onFlowPacket(flow, flow.trail(), frameNanos, frameWireLength, frameData, frameOffset, frameCapturedLength,
                    frameLinkType);
        }
        publishDeadline(flow);
        if (config.activeTimeoutNanos() > 0 && p.timestampNanos - flow.lastReportNanos >= config.activeTimeoutNanos()) {
            flow.lastReportNanos = p.timestampNanos;
            stats.interimRecords++;
            streams.onFlowEnd(flow, true);
            sink.onFlowRecord(flow.toRecord(FlowEndReason.ACTIVE_TIMEOUT, config.localNetworks(), config.communityIdSeed()));
        }
        if (decoder.isUdpTunnelCandidate(p)) {
            int inner = decoder.decodeUdpTunnel(p, flow.id);
            if (inner == PacketDecoder.TRANSPORT) {
                account(p);
            }
        }
    }

    private Flow flowOf(DecodedPacket p) {
        int index = table.find(p.srcHigh, p.srcLow, p.srcPort, p.dstHigh, p.dstLow, p.dstPort, p.protocol, p.oneWay);
        if (index >= 0) {
            Flow existing = table.flow(index);
            boolean tcpReuse = p.protocol == Flow.PROTO_TCP && existing.tcp.isReuse(p.tcpFlags, p.tcpSequence);
            if (tcpReuse) {
                end(index, FlowEndReason.REUSED);
            } else if (expired(index)) {
                end(index, existing.protocol == Flow.PROTO_TCP && existing.tcp.closeComplete()
                        ? FlowEndReason.CLOSED : FlowEndReason.IDLE);
            } else {
                return existing;
            }
        }
        if (table.full()) {
            stats.evictions++;
            int victim = table.evictionVictim();
            if (table.flow(victim).watched) {
                stats.watchedEvictions++;
            }
            end(victim, FlowEndReason.EVICTED);
        }
        index = table.insert(p.srcHigh, p.srcLow, p.srcPort, p.dstHigh, p.dstLow, p.dstPort, p.protocol, p.oneWay);
        Flow flow = table.flow(index);
        flow.start(FlowIds.flowId(flow.keyHash, p.timestampNanos), p.timestampNanos, streams);

        flow.vlan = p.vlan;
        flow.innerVlan = p.innerVlan;
        flow.tunnelParentId = p.tunnelParentId;
        stats.flowsCreated++;
        boolean flipped = shouldFlip(p);
        if (flipped) {
            flow.flipRoles();
            flow.history.add('^');
        }
        // watched when a policy device is its originator: the first packet's sender, unless the roles were flipped
        flow.watched = watching && (flipped ? config.watched().contains(p.dstHigh, p.dstLow)
                : config.watched().contains(p.srcHigh, p.srcLow));
        return flow;
    }

    /** Zeek's guess of the true originator when a connection is not seen from its start. */
    private boolean shouldFlip(DecodedPacket p) {
        ServerPorts ports = config.serverPorts();
        if (p.protocol == Flow.PROTO_TCP) {
            return TcpConnection.shouldFlip(p.tcpFlags, ports.tcp(p.srcPort), ports.tcp(p.dstPort), p.srcPort,
                    p.dstPort) && !isBroadcast(p);
        }
        if (p.protocol == Flow.PROTO_UDP) {
            return ports.udp(p.srcPort) && !ports.udp(p.dstPort) && !isBroadcast(p);
        }
        return false;
    }

    private static boolean isBroadcast(DecodedPacket p) {
        return p.dstHigh == 0 && p.dstLow == 0x0000_ffff_ffff_ffffL;
    }

    /** End of the IPv4 header: the IHL field, read again so the decoder's result struct stays small. */
    private static long headerEnd(DecodedPacket p) {
        return p.ipOffset + (io.telltale.capture.decode.header.Bytes.u8(p.data, p.ipOffset) & 0x0f) * 4L;
    }

    /** True when checksums are checked, the segment was captured whole, and its checksum is wrong. */
    private boolean badTransportChecksum(DecodedPacket p) {
        if (!config.verifyChecksums() || p.payloadCaptured < p.payloadLength || p.snapTruncated()) {
            return false;
        }
        if (p.protocol == Flow.PROTO_UDP && p.ipVersion == 4
                && io.telltale.capture.decode.header.Bytes.u16(p.data, p.transportOffset + 6) == 0) {
            return false; // no checksum computed: allowed for UDP over IPv4
        }
        boolean checked = p.protocol == Flow.PROTO_TCP || p.protocol == Flow.PROTO_UDP || p.protocol == Flow.PROTO_ICMP
                || p.protocol == Flow.PROTO_ICMPV6;
        return checked && !Checksums.transportValid(p);
    }

    private void update(Flow flow, boolean fromOriginator, DecodedPacket p) {
        if (badTransportChecksum(p)) {
            // Zeek's rules: TCP and ICMP segments are dropped uncounted; a UDP datagram is counted
            // but carries nothing. Either way the side gets a C in the history.
            decoder.stats().record(switch (p.protocol) {
                case Flow.PROTO_TCP -> DecodeAnomaly.BAD_TCP_CHECKSUM;
                case Flow.PROTO_UDP -> DecodeAnomaly.BAD_UDP_CHECKSUM;
                default -> DecodeAnomaly.BAD_ICMP_CHECKSUM;
            });
            flow.checksumError(fromOriginator);
            if (p.protocol == Flow.PROTO_UDP) {
                count(flow, fromOriginator, p);
            }
            return;
        }
        flow.lastNanos = p.timestampNanos;
        if (fromOriginator) {
            flow.originatorTtl = p.ttl;
        } else {
            flow.responderTtl = p.ttl;
        }
        switch (p.protocol) {
            case Flow.PROTO_TCP -> flow.tcp.onSegment(p.timestampNanos, fromOriginator, p.tcpFlags, p.tcpSequence,
                    p.tcpAcknowledgment, p.tcpWindow, p.payloadLength, p.data, p.payloadOffset, p.payloadCaptured);
            case Flow.PROTO_UDP -> {
                int length = Math.max(0, p.udpLength - 8);
                if (fromOriginator) {
                    flow.history.check(1, 'D');
                    flow.origPayloadBytes += length;
                    flow.origActive = true;
                } else {
                    flow.history.check(2, 'd');
                    flow.respPayloadBytes += length;
                    flow.respActive = true;
                }
                if (p.payloadCaptured > 0) {
                    streams.onDatagram(flow, fromOriginator, p.data, p.payloadOffset, p.payloadCaptured);
                }
            }
            case Flow.PROTO_ICMP, Flow.PROTO_ICMPV6 -> {
                if (fromOriginator) {
                    flow.origPayloadBytes += p.payloadLength;
                    flow.origActive = true;
                } else {
                    flow.respPayloadBytes += p.payloadLength;
                    flow.respActive = true;
                }
                streams.onIcmp(flow, fromOriginator, p.icmpType, p.icmpCode, p.data, p.payloadOffset - 8,
                        p.payloadCaptured + 8);
            }
            default -> {
                // Other transports: packets and IP bytes only.
            }
        }
        // Roles may have flipped inside the TCP state machine; count against the current roles.
        boolean nowFromOriginator = p.protocol == Flow.PROTO_TCP
                ? flow.fromOriginator(table.lastLookupSourceIsA()) : fromOriginator;
        count(flow, nowFromOriginator, p);
    }

    /** Packets, IP bytes and frame bytes per side, as Zeek's ConnSize analyzer counts them, and the payload statistics. */
    private static void count(Flow flow, boolean fromOriginator, DecodedPacket p) {
        if (fromOriginator) {
            flow.origPackets++;
            flow.origIpBytes += p.ipTotalLength;
            flow.origFrameBytes += p.capturedLength;
            flow.origStats.onPacket(p.timestampNanos, p.payloadLength, p.data, p.payloadOffset, p.payloadCaptured);
        } else {
            flow.respPackets++;
            flow.respIpBytes += p.ipTotalLength;
            flow.respFrameBytes += p.capturedLength;
            flow.respStats.onPacket(p.timestampNanos, p.payloadLength, p.data, p.payloadOffset, p.payloadCaptured);
        }
    }

    /**
     * Writes the flow's deadline to the table when it moved earlier or more than a second later. A
     * deadline that is a little early is harmless (the sweep checks the flow before ending it), and
     * skipping the write saves a cache miss on most packets.
     */
    private void publishDeadline(Flow flow) {
        long deadline = expiryNanos(flow);
        long published = flow.publishedDeadlineNanos;
        if (deadline < published || deadline - published > DEADLINE_SLACK_NANOS) {
            flow.publishedDeadlineNanos = deadline;
            table.deadline(flow.index, deadline);
        }
    }

    static final long DEADLINE_SLACK_NANOS = 1_000_000_000L;

    /** True when the flow's published deadline has passed and its exact one has too. */
    private boolean expired(int index) {
        if (table.deadline(index) >= clockNanos) {
            return false;
        }
        Flow flow = table.flow(index);
        long exact = expiryNanos(flow);
        if (exact < clockNanos) {
            return true;
        }
        flow.publishedDeadlineNanos = exact;
        table.deadline(index, exact);
        return false;
    }

    /** Packet time after which the flow is over, by Zeek's timers. */
    private long expiryNanos(Flow flow) {
        if (flow.protocol != Flow.PROTO_TCP) {
            return flow.lastNanos + config.handshakeIdleNanos();
        }
        var tcp = flow.tcp;
        if (tcp.closeComplete()) {
            return tcp.closeNanos() + config.tcpCloseLingerNanos();
        }
        int os = tcp.originator().state();
        int rs = tcp.responder().state();
        if ((os == TcpState.SYN_SENT || os == TcpState.SYN_ACK_SENT) && rs == TcpState.INACTIVE
                && tcp.attemptStartNanos() >= 0) {
            return tcp.attemptStartNanos() + config.tcpAttemptNanos();
        }
        if (tcp.halfClosed() && (os == TcpState.INACTIVE || rs == TcpState.INACTIVE || os == TcpState.RESET
                || rs == TcpState.RESET)) {
            return flow.lastNanos + config.tcpCloseLingerNanos() + 1_000_000_000L;
        }
        long idle = tcp.pastHandshake() ? config.tcpIdleNanos() : config.handshakeIdleNanos();
        return flow.lastNanos + idle;
    }

    /** Checks a few pool entries per packet, so every live flow is looked at regularly. */
    private void sweep() {
        int poolSize = table.poolSize();
        for (int i = 0; i < SWEEP_PER_PACKET && poolSize > 0; i++) {
            if (sweepCursor >= poolSize) {
                sweepCursor = 0;
            }
            int index = sweepCursor++;
            if (expired(index)) {
                Flow flow = table.flow(index);
                end(index, flow.protocol == Flow.PROTO_TCP && flow.tcp.closeComplete()
                        ? FlowEndReason.CLOSED : FlowEndReason.IDLE);
            }
        }
    }

    private void end(int index, FlowEndReason reason) {
        Flow flow = table.flow(index);
        stats.recordsEmitted++;
        streams.onFlowEnd(flow, false);
        FlowRecord record = flow.toRecord(reason, config.localNetworks(), config.communityIdSeed());
        if (flow.protocol == Flow.PROTO_TCP) {
            flow.tcp.releaseBuffers();
        }
        table.remove(index);
        sink.onFlowRecord(record);
    }
}
