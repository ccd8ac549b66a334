package io.telltale.benchmarks;

import io.telltale.capture.decode.DecodeStats;
import io.telltale.capture.decode.DecodedPacket;
import io.telltale.capture.decode.PacketDecoder;
import io.telltale.capture.decode.fragment.FragmentConfig;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowMeter;
import io.telltale.capture.flow.StreamHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds and bytes allocated per packet for decoding alone and for decoding plus the flow
 * update (TCP state machine and reassembly included). One operation is one packet: each invocation
 * replays a whole set of reference captures, shifted in time so that their flows live on.
 *
 * <p>{@code steady}: a DNS tunnel and an ICMP tunnel, long flows only, so the figure is the per-packet
 * cost. {@code mixed}: 1,723 packets of real mixed traffic (nDPI's 1kxun) plus Zeek's SSH capture,
 * whose short TCP connections end and restart on every replay, so flow records (allocated once per
 * flow) are part of the figure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class DecodeAndFlowBenchmark {

    /** Packets per invocation; JMH divides by it so results are per packet. */
    static final int BATCH = 1024;

    @Param({"steady", "mixed"})
    String traffic;

    private ReferencePackets packets;
    private PacketDecoder decoder;
    private final DecodedPacket decoded = new DecodedPacket();
    private FlowMeter meter;
    private long records;
    private int cursor;
    private long shift;

    @Setup(Level.Trial)
    public void load() {
        packets = new ReferencePackets(traffic.equals("steady")
                ? List.of("ndpi__dns-tunnel-iodine.pcap", "ndpi__icmp-tunnel.pcap")
                : List.of("ndpi__1kxun.pcap", "zeek__ssh_ssh.pcap"));
        decoder = new PacketDecoder(new DecodeStats(), FragmentConfig.DEFAULTS);
        meter = new FlowMeter(FlowConfig.DEFAULTS, record -> records++, StreamHandler.NONE);
    }

    private void advance() {
        if (++cursor == packets.size()) {
            cursor = 0;
            shift += packets.spanNanos;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decode(Blackhole hole) {
        for (int i = 0; i < BATCH; i++) {
            int at = cursor;
            hole.consume(decoder.decode(packets.timestamps[at] + shift, packets.wireLengths[at], packets.frames[at], 0,
                    (int) packets.frames[at].byteSize(), packets.linkTypes[at], decoded));
            advance();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decodeAndFlowUpdate() {
        for (int i = 0; i < BATCH; i++) {
            int at = cursor;
            meter.onPacket(packets.timestamps[at] + shift, packets.wireLengths[at], packets.frames[at], 0,
                    (int) packets.frames[at].byteSize(), packets.linkTypes[at]);
            advance();
        }
    }
}
