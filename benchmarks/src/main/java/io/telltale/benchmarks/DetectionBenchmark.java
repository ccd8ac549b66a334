package io.telltale.benchmarks;

import io.telltale.analysis.asset.OuiRegistry;
import io.telltale.analysis.detect.DetectionSink;
import io.telltale.analysis.detect.Detectors;
import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.analysis.policy.Policy;
import io.telltale.analysis.policy.PolicyLoader;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What detection costs per flow, without the noise of a whole {@code telltale read}: the flows and
 * protocol records of the benchmark capture's first packets are made once, then every operation
 * shows all of them to a fresh {@link DetectionSink} (asset inventory and every detector) under a
 * policy. {@code detect:flows} is JMH's time per flow; the alerts each replay raised are printed at
 * the end (they go nowhere: writing and printing them is the CLI's part).
 *
 * <p>Policies: {@code none} (nothing declared: every conversation is judged as undeclared, an alert
 * storm), {@code all} (everything declared: the detectors' own cost) and {@code bench}
 * ({@code bench/bench-policy.yaml}). The capture is {@code -Dtelltale.bench.capture} (default
 * {@code /tmp/telltale-bench.pcap}, built by {@code ../shared/tools/make-bench-pcap}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx8g", "-XX:+UseSerialGC"})
public class DetectionBenchmark {

    static final String ALL = """
            site: everything-declared
            declarations:
              - {id: all-v4, from: 0.0.0.0/0, to: 0.0.0.0/0}
              - {id: all-v6, from: "::/0", to: "::/0"}
            """;

    @Param({"none", "all", "bench"})
    String policy;

    /** Packets read from the start of the capture. */
    @Param("1500000")
    int packets;

    private final List<MonitorEvent> events = new ArrayList<>();
    private long flows;
    private long endNanos;
    private long alertsPerReplay;
    private Policy rules;
    private OuiRegistry oui;

    /** Flows shown per replay: JMH reports the time per flow beside the time per replay. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long flows;
    }

    @Setup(Level.Trial)
    public void load() throws Exception {
        Path capture = Path.of(System.getProperty("telltale.bench.capture", "/tmp/telltale-bench.pcap"));
        if (!Files.isReadable(capture)) {
            throw new IllegalStateException(capture + " is missing: build it with ../shared/tools/make-bench-pcap " + capture);
        }
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS, BuiltInProtocols.ALL, events::add);
        long[] read = {0, Long.MIN_VALUE};
        try (PacketSource source = CaptureFiles.open(capture)) {
            while (read[0] < packets && source.poll((ts, wire, data, offset, length, link) -> {
                read[0]++;
                read[1] = Math.max(read[1], ts);
                pipeline.onPacket(ts, wire, data, offset, length, link);
            }, 256) != PacketSource.END_OF_INPUT) {
                // read up to the packet count
            }
        }
        pipeline.finish();
        endNanos = read[1];
        flows = events.stream().filter(e -> e instanceof FlowEvent).count();
        rules = switch (policy) {
            case "none" -> Policy.empty();
            case "all" -> PolicyLoader.parse("all.yaml", ALL);
            case "bench" -> PolicyLoader.load(Path.of(System.getProperty("telltale.bench.policy", "bench/bench-policy.yaml")));
            default -> throw new IllegalArgumentException("policy: none, all or bench, not " + policy);
        };
        oui = OuiRegistry.system();
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%n%s: %,d flows and %,d events per replay, %,d alerts raised%n", policy, flows, events.size(),
                alertsPerReplay);
    }

    @Benchmark
    public long detect(Counts counts) {
        long[] raised = {0};
        DetectionSink sink = new DetectionSink(event -> {
            if (event instanceof Alert) {
                raised[0]++;
            }
        }, Detectors.all(rules), rules, oui);
        for (MonitorEvent event : events) {
            sink.accept(event);
        }
        sink.finish(endNanos);
        counts.flows += flows;
        alertsPerReplay = raised[0];
        return raised[0];
    }
}
