package io.telltale.capture.flow;

import io.telltale.capture.flow.tcp.ConnectionHistory;
import io.telltale.capture.flow.tcp.TcpConnection;
import io.telltale.capture.flow.tcp.TcpConnectionOwner;
import io.telltale.capture.stream.ReassemblyBudget;
import java.lang.foreign.MemorySegment;

/**
 * The live state of one flow. The key is canonical (endpoint A is the smaller address and port, so
 * both directions hit one slot); which of A and B is the originator is decided when the flow is
 * created and may flip once. Flows are pooled by the {@link FlowTable} and reset for reuse, so this
 * object is allocated once per pool slot, not per flow.
 */
public final class Flow extends TcpConnection implements TcpConnectionOwner {

    static final int PROTO_ICMP = 1;
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    static final int PROTO_ICMPV6 = 58;

    final int index;
    boolean inUse;
    /** Started by a device the policy names: evicted last (see {@link FlowConfig#watched()}). */
    boolean watched;

    long aHigh;
    long aLow;
    long bHigh;
    long bLow;
    int aPort;
    int bPort;
    int protocol;
    boolean oneWay;
    int keyHash;
    boolean originatorIsA;

    long id;
    /** Where the packet store put this flow's packets; made on first use, kept with the pooled flow. */
    PacketTrail trail;
    long firstNanos;
    long lastNanos;
    /** The TTL of the last packet each side sent (the rules' {@code ttl}). */
    int originatorTtl;
    int responderTtl;
    long lastReportNanos;
    /** The deadline last written to the table's deadline array, so unchanged deadlines are not rewritten. */
    long publishedDeadlineNanos;
    int vlan;
    int innerVlan;
    long tunnelParentId;
    long origPackets;
    long origIpBytes;
    long respPackets;
    long respIpBytes;
    long origFrameBytes;
    long respFrameBytes;
    long origPayloadBytes;
    long respPayloadBytes;
    boolean origActive;
    boolean respActive;
    long missedBytes;
    /** Checksum failures per side; the history letter repeats at 1, 10, 100 ... of them. */
    long origChecksumErrors;
    long respChecksumErrors;
    final ConnectionHistory history;
    /** This flow's TCP state: the flow is its own connection tracker (see {@link TcpConnection}). */
    final TcpConnection tcp;
    private StreamHandler streamHandler = StreamHandler.NONE;
    /** Protocols recognised in the flow, Zeek's names, comma-separated; set by the analysis layer. */
    private String service;
    /** Per-flow state of the layer above (the analysis of this flow), cleared when a flow starts. */
    private Object attachment;
    /** Payload statistics per direction; made once per table slot and reset, so never allocated per flow. */
    DirectionStats origStats = new DirectionStats();
    DirectionStats respStats = new DirectionStats();

    Flow(int index, ReassemblyBudget budget) {
        super(new ConnectionHistory(), budget);
        this.index = index;
        this.history = history();
        this.tcp = this;
    }

    void start(long id, long nowNanos, StreamHandler streamHandler) {
        this.inUse = true;
        this.watched = false;
        this.id = id;
        this.firstNanos = nowNanos;
        this.lastNanos = nowNanos;
        this.lastReportNanos = nowNanos;
        this.publishedDeadlineNanos = Long.MAX_VALUE;
        this.vlan = -1;
        this.innerVlan = -1;
        this.tunnelParentId = 0;
        this.origPackets = 0;
        this.origIpBytes = 0;
        this.respPackets = 0;
        this.respIpBytes = 0;
        this.origFrameBytes = 0;
        this.respFrameBytes = 0;
        this.origPayloadBytes = 0;
        this.respPayloadBytes = 0;
        this.origActive = false;
        this.respActive = false;
        this.missedBytes = 0;
        this.origChecksumErrors = 0;
        this.respChecksumErrors = 0;
        this.streamHandler = streamHandler;
        this.origStats.reset();
        this.respStats.reset();
        if (trail != null) {
            trail.reset();
        }
        this.service = null;
        this.attachment = null;
        history.reset();
        if (protocol == PROTO_TCP) {
            tcp.reset(this);
        }
    }

    /** Index of this flow's slot in its table: per-flow state of upper layers can live in arrays by slot. */
    public int slot() {
        return index;
    }

    /** Adds a recognised protocol to the flow's {@code service} (Zeek's names, e.g. {@code dns}). */
    public void addService(String name) {
        if (service == null) {
            service = name;
        } else if (!(',' + service + ',').contains(',' + name + ',')) {
            service = service + ',' + name;
        }
    }

    public String service() {
        return service;
    }

    /** False for a TCP connection first seen mid-stream: its payload may start in the middle of a message. */
    public boolean sawStart() {
        return protocol != PROTO_TCP || !tcp.partial();
    }

    /** State the layer above keeps for this flow; null until it attaches some. Lives in the flow's own object,
     *  so reaching it costs no extra cache miss. */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object state) {
        this.attachment = state;
    }

    /** Stable id of this flow (also the base of its uid). */
    public long id() {
        return id;
    }

    public int protocol() {
        return protocol;
    }

    public long firstNanos() {
        return firstNanos;
    }

    public long originatorHigh() {
        return originatorIsA ? aHigh : bHigh;
    }

    public long originatorLow() {
        return originatorIsA ? aLow : bLow;
    }

    public int originatorPort() {
        return originatorIsA ? aPort : bPort;
    }

    public long responderHigh() {
        return originatorIsA ? bHigh : aHigh;
    }

    public long responderLow() {
        return originatorIsA ? bLow : aLow;
    }

    public int responderPort() {
        return originatorIsA ? bPort : aPort;
    }

    /** The TTL (hop limit) of the last packet this side sent. */
    public int lastTtl(boolean fromOriginator) {
        return fromOriginator ? originatorTtl : responderTtl;
    }

    public long originatorPackets() {
        return origPackets;
    }

    public long responderPackets() {
        return respPackets;
    }

    /** True when a packet whose source is endpoint A travels from the originator. */
    boolean fromOriginator(boolean sourceIsA) {
        return sourceIsA == originatorIsA;
    }

    /** Records a bad checksum from one side: {@code C} or {@code c}, scaled as Zeek scales it. */
    void checksumError(boolean fromOriginator) {
        long count = fromOriginator ? ++origChecksumErrors : ++respChecksumErrors;
        if (count == 1 || count == 10 || count == 100 || count == 1000 || count == 10_000 || count == 100_000) {
            history.add(fromOriginator ? 'C' : 'c');
        }
    }

    @Override
    public void flipRoles() {
        originatorIsA = !originatorIsA;
        long packets = origPackets;
        origPackets = respPackets;
        respPackets = packets;
        long bytes = origIpBytes;
        origIpBytes = respIpBytes;
        respIpBytes = bytes;
        long frames = origFrameBytes;
        origFrameBytes = respFrameBytes;
        respFrameBytes = frames;
        long payload = origPayloadBytes;
        origPayloadBytes = respPayloadBytes;
        respPayloadBytes = payload;
        boolean active = origActive;
        origActive = respActive;
        respActive = active;
        DirectionStats stats = origStats;
        origStats = respStats;
        respStats = stats;
    }

    @Override
    public void onStreamData(boolean fromOriginator, MemorySegment data, long offset, int length) {
        streamHandler.onStreamData(this, fromOriginator, data, offset, length);
    }

    @Override
    public void onStreamGap(boolean fromOriginator, long sequence, long length, boolean counted) {
        if (counted) {
            missedBytes += length;
        }
        streamHandler.onStreamGap(this, fromOriginator, sequence, length);
    }

    /** Builds the record of this flow as it stands (allocates; once per flow or interim report). */
    FlowRecord toRecord(FlowEndReason reason, LocalNetworks localNetworks, int communityIdSeed) {
        boolean tcpFlow = protocol == PROTO_TCP;
        long last = tcpFlow ? tcp.lastNanos() : lastNanos;
        if (tcpFlow && last == 0) {
            last = lastNanos;
        }
        long duration = last - firstNanos;
        long origBytes;
        long respBytes;
        String state;
        if (tcpFlow) {
            origBytes = Math.max(0, tcp.originator().size());
            respBytes = Math.max(0, tcp.responder().size());
            state = tcp.connState();
        } else {
            origBytes = origPayloadBytes;
            respBytes = respPayloadBytes;
            state = protocol == PROTO_UDP ? (origActive ? (respActive ? "SF" : "S0") : (respActive ? "SHR" : "OTH")) : "OTH";
        }
        if (duration <= 0) {
            duration = -1;
            origBytes = -1;
            respBytes = -1;
        }
        boolean hasPorts = FlowRecord.hasPorts(protocol);
        Boolean localOrig = localNetworks.isEmpty() ? null : localNetworks.contains(originatorHigh(), originatorLow());
        Boolean localResp = localNetworks.isEmpty() ? null : localNetworks.contains(responderHigh(), responderLow());
        return new FlowRecord(id, firstNanos, duration, originatorHigh(), originatorLow(), hasPorts ? originatorPort() : 0,
                responderHigh(), responderLow(), hasPorts ? responderPort() : 0, protocol, oneWay, service, origBytes,
                respBytes, state, localOrig, localResp, missedBytes, history.text(), origPackets, origIpBytes,
                respPackets, respIpBytes, tunnelParentId, vlan, innerVlan, communityIdSeed, origFrameBytes,
                respFrameBytes, reason, origStats.snapshot(), respStats.snapshot(), packets());
    }

    /** The trail of the packets stored since the last record, which then starts afresh. */
    private byte[] packets() {
        if (trail == null) {
            return null;
        }
        byte[] packets = trail.copy();
        trail.restart();
        return packets;
    }

    /** The flow's packet trail, made on first use. */
    PacketTrail trail() {
        if (trail == null) {
            trail = new PacketTrail();
        }
        return trail;
    }
}
