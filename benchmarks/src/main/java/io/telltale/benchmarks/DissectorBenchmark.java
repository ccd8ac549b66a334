package io.telltale.benchmarks;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.capture.flow.FlowConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of each dissector, measured the way it runs: a capture rich in one protocol replayed
 * through the whole pipeline (decode, flows, probes, the dissector), one replay per operation. The
 * {@code replay:records} line is JMH's time per protocol record written (it divides the time by the
 * counter), the whole pipeline's cost of one record; {@code -prof gc} gives the bytes allocated per
 * replay. Each replay is shifted an hour later
 * than the last, so its flows start afresh rather than continuing the previous replay's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class DissectorBenchmark {

    static final long HOUR_NANOS = 3_600_000_000_000L;

    @Param({"dns:ndpi__dns-tunnel-iodine.pcap", "http:zeek__wikipedia.pcap", "tls:arkime__openssl-tls1_2.pcap",
        "quic:sv__ja4-quic_input.pcap", "ssh:zeek__ssh_ssh.pcap", "ntp:zeek__ntp_ntp.pcap", "dhcp:zeek__dhcp_dhcp.pcap",
        "dicom:recording:dicom-associations.pcap"})
    String capture;

    private ReferencePackets packets;
    private AnalysisPipeline pipeline;
    private long shift;

    /** Protocol records written, per replay: JMH reports it beside the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Records {
        public long records;
    }

    private Records counter;

    @Setup(Level.Trial)
    public void load() {
        packets = new ReferencePackets(List.of(capture.substring(capture.indexOf(':') + 1)));
        pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS.withMaxFlows(4096), BuiltInProtocols.ALL, event -> {
            if (!(event instanceof FlowEvent) && counter != null) {
                counter.records++;
            }
        });
    }

    @Benchmark
    public void replay(Records records) {
        counter = records;
        for (int i = 0; i < packets.size(); i++) {
            pipeline.onPacket(packets.timestamps[i] + shift, packets.wireLengths[i], packets.frames[i], 0,
                    (int) packets.frames[i].byteSize(), packets.linkTypes[i]);
        }
        shift += packets.spanNanos + HOUR_NANOS;
    }
}
