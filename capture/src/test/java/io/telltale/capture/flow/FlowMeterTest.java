package io.telltale.capture.flow;

import static io.telltale.capture.Frames.concat;
import static io.telltale.capture.Frames.ethernet;
import static io.telltale.capture.Frames.hex;
import static io.telltale.capture.Frames.ipv4;
import static io.telltale.capture.Frames.tcp;
import static io.telltale.capture.Frames.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.capture.Frames;
import io.telltale.capture.decode.LinkType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flow lifetimes: timeouts on packet time, TCP close and reuse, the hard cap, interim records, tunnels. */
class FlowMeterTest {

    static final long SECOND = 1_000_000_000L;
    static final int SYN = 0x02;
    static final int SYN_ACK = 0x12;
    static final int ACK = 0x10;
    static final int FIN_ACK = 0x11;
    static final int PSH_ACK = 0x18;

    private final List<FlowRecord> records = new ArrayList<>();
    private FlowMeter meter = new FlowMeter(FlowConfig.DEFAULTS, records::add, StreamHandler.NONE);

    private void send(long nanos, byte[] ip) {
        MemorySegment frame = Frames.segment(ip);
        meter.onPacket(nanos, ip.length, frame, 0, ip.length, LinkType.RAW);
    }

    private static byte[] client(int flags, int seq, int ack, String payload) {
        return ipv4("10.1.1.10", "93.184.216.34", 6, tcp(40000, 80, seq, ack, flags, payload.getBytes()));
    }

    private static byte[] server(int flags, int seq, int ack, String payload) {
        return ipv4("93.184.216.34", "10.1.1.10", 6, tcp(80, 40000, seq, ack, flags, payload.getBytes()));
    }

    private void handshakeAndClose(long t, int isn) {
        send(t, client(SYN, isn, 0, ""));
        send(t + 1000, server(SYN_ACK, 5000, isn + 1, ""));
        send(t + 2000, client(ACK, isn + 1, 5001, ""));
        send(t + 3000, client(PSH_ACK, isn + 1, 5001, "GET / HTTP/1.0\r\n\r\n"));
        send(t + 4000, server(PSH_ACK, 5001, isn + 19, "HTTP/1.0 200 OK\r\n\r\n"));
        send(t + 5000, client(FIN_ACK, isn + 19, 5020, ""));
        send(t + 6000, server(FIN_ACK, 5020, isn + 20, ""));
        send(t + 7000, client(ACK, isn + 20, 5021, ""));
    }

    @Test
    void completeTcpConnectionLooksLikeZeeks() {
        handshakeAndClose(10 * SECOND, 1000);
        meter.finish();
        assertThat(records).hasSize(1);
        FlowRecord r = records.getFirst();
        assertThat(r.connState()).isEqualTo("SF");
        assertThat(r.history()).as("the responder never sends a bare ACK, so no a").isEqualTo("ShADdFf");
        assertThat(r.originatorBytes()).isEqualTo(18);
        assertThat(r.responderBytes()).isEqualTo(19);
        assertThat(r.originatorPackets()).isEqualTo(5);
        assertThat(r.responderPackets()).isEqualTo(3);
        assertThat(r.originatorIpBytes()).isEqualTo(5 * 40 + 18);
        assertThat(r.durationNanos()).as("Zeek stops the clock once both sides have closed").isEqualTo(6000);
        assertThat(r.localOriginator()).isTrue();
        assertThat(r.localResponder()).isFalse();
        assertThat(r.uid()).startsWith("C");
        assertThat(r.endReason()).isEqualTo(FlowEndReason.END_OF_INPUT);
    }

    @Test
    void closedConnectionEndsAfterTheLingerAndTheTupleCanBeUsedAgain() {
        handshakeAndClose(10 * SECOND, 1000);
        send(20 * SECOND, ipv4("10.9.9.9", "10.9.9.8", 17, udp(1, 2, new byte[0]))); // unrelated: time moves on
        handshakeAndClose(30 * SECOND, 777_777);
        meter.finish();
        List<FlowRecord> tcp = records.stream().filter(r -> r.transport().equals("tcp")).toList();
        assertThat(tcp).hasSize(2);
        assertThat(tcp.get(0).endReason()).isEqualTo(FlowEndReason.CLOSED);
        assertThat(tcp.get(0).uid()).isNotEqualTo(tcp.get(1).uid());
    }

    @Test
    void newSynOnAClosedConnectionStartsANewFlowAtOnce() {
        handshakeAndClose(10 * SECOND, 1000);
        handshakeAndClose(10 * SECOND + 100_000, 900_000);
        meter.finish();
        assertThat(records).hasSize(2);
        assertThat(records.getFirst().endReason()).isEqualTo(FlowEndReason.REUSED);
        assertThat(records).allSatisfy(r -> assertThat(r.connState()).isEqualTo("SF"));
    }

    @Test
    void idleUdpFlowEndsAfterAMinuteOfPacketTime() {
        byte[] query = ipv4("10.1.1.10", "10.1.1.1", 17, udp(5353, 53, new byte[20]));
        send(SECOND, query);
        send(SECOND + 59 * SECOND, query);
        send(SECOND + 59 * SECOND + 61 * SECOND, query);
        meter.finish();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).endReason()).isEqualTo(FlowEndReason.IDLE);
        assertThat(records.get(0).originatorPackets()).isEqualTo(2);
        assertThat(records.get(0).history()).isEqualTo("D");
        assertThat(records.get(0).connState()).isEqualTo("S0");
    }

    @Test
    void unansweredSynAttemptEndsAfterFiveSeconds() {
        send(SECOND, client(SYN, 1, 0, ""));
        send(4 * SECOND, client(SYN, 1, 0, ""));
        send(7 * SECOND, client(SYN, 1, 0, ""));
        meter.finish();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).connState()).isEqualTo("S0");
        assertThat(records.get(0).originatorPackets()).isEqualTo(2);
        assertThat(records.get(0).history()).isEqualTo("S");
    }

    @Test
    void hardCapEvictsTheLeastRecentlyActiveFlow() {
        meter = new FlowMeter(FlowConfig.DEFAULTS.withMaxFlows(3), records::add, StreamHandler.NONE);
        for (int i = 0; i < 5; i++) {
            send(SECOND + i, ipv4("10.0.0." + (i + 1), "10.0.1.1", 17, udp(1000, 53, new byte[4])));
        }
        assertThat(meter.liveFlows()).isEqualTo(3);
        assertThat(meter.stats().evictions()).isEqualTo(2);
        assertThat(records).extracting(FlowRecord::originatorHost).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(records).allSatisfy(r -> assertThat(r.endReason()).isEqualTo(FlowEndReason.EVICTED));
    }

    @Test
    void longFlowsGetInterimRecordsWithTheSameUid() {
        meter = new FlowMeter(FlowConfig.DEFAULTS.withActiveTimeoutNanos(10 * SECOND), records::add, StreamHandler.NONE);
        byte[] beacon = ipv4("10.1.1.10", "198.51.100.7", 17, udp(40000, 8443, new byte[32]));
        for (int i = 0; i <= 25; i++) {
            send(i * SECOND, beacon);
        }
        meter.finish();
        assertThat(records).hasSize(3);
        assertThat(records.subList(0, 2)).allSatisfy(r -> assertThat(r.interim()).isTrue());
        assertThat(records.get(2).interim()).isFalse();
        assertThat(records).extracting(FlowRecord::uid).containsOnly(records.getFirst().uid());
        assertThat(records.get(2).originatorPackets()).isEqualTo(26);
    }

    @Test
    void serverPortDecidesTheOriginatorOfAFlowSeenMidStream() {
        send(SECOND, server(PSH_ACK, 5001, 1019, "late data"));
        meter.finish();
        FlowRecord r = records.getFirst();
        assertThat(r.originatorHost()).isEqualTo("10.1.1.10");
        assertThat(r.responderPort()).isEqualTo(80);
        assertThat(r.history()).isEqualTo("^d");
    }

    @Test
    void vxlanInnerFlowNamesItsOuterFlowAsTunnelParent() {
        byte[] inner = ethernet(0x0800, ipv4("192.168.7.2", "192.168.7.3", 17, udp(1111, 2222, new byte[10])));
        byte[] outer = ipv4("10.0.0.1", "10.0.0.2", 17, udp(50000, 4789, concat(hex("08000000 00000100"), inner)));
        send(SECOND, outer);
        meter.finish();
        assertThat(records).hasSize(2);
        FlowRecord tunnel = records.stream().filter(r -> r.responderPort() == 4789).findFirst().orElseThrow();
        FlowRecord carried = records.stream().filter(r -> r.responderPort() == 2222).findFirst().orElseThrow();
        assertThat(carried.tunnelParents()).containsExactly(tunnel.uid());
        assertThat(tunnel.tunnelParents()).isEmpty();
    }

    @Test
    void payloadOfTcpStreamsArrivesInOrder() {
        StringBuilder seen = new StringBuilder();
        meter = new FlowMeter(FlowConfig.DEFAULTS, records::add, new StreamHandler() {
            @Override
            public void onStreamData(Flow flow, boolean fromOriginator, MemorySegment data, long offset, int length) {
                seen.append(fromOriginator ? '>' : '<').append(new String(data.asSlice(offset, length)
                        .toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
            }
        });
        send(1, client(SYN, 100, 0, ""));
        send(2, server(SYN_ACK, 500, 101, ""));
        send(3, client(PSH_ACK, 104, 501, "def"));
        send(4, client(PSH_ACK, 101, 501, "abc"));
        send(5, server(PSH_ACK, 501, 107, "ok"));
        assertThat(seen.toString()).isEqualTo(">abc>def<ok");
    }
}
