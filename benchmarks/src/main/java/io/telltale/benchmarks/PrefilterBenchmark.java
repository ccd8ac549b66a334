package io.telltale.benchmarks;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.analysis.pipeline.PayloadInspector;
import io.telltale.capture.flow.Flow;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.signatures.match.PatternSet;
import io.telltale.signatures.rule.LoadedRule;
import io.telltale.signatures.rule.RuleFile;
import io.telltale.signatures.rule.RuleParser;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The rules' prefilter on real payloads: the fast patterns of the first {@code patterns} Emerging
 * Threats rules (each rule's as the engine picks it: its fast_pattern, else its longest positive
 * content), all in one
 * {@link PatternSet}, scanned over the payloads of the benchmark capture (its first 64 MiB of
 * payload, as the pipeline delivers it: TCP streams in order, UDP datagrams). One operation is one
 * pass over all payloads; the {@code scan:bytes} line divided into the time gives the throughput,
 * and {@code scan:hits} how many candidates the prefilter hands to full evaluation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class PrefilterBenchmark {

    static final int PAYLOAD_BUDGET = 64 << 20;

    @Param({"10000"})
    int patterns;

    @Param({"/tmp/telltale-bench.pcap"})
    String capture;

    @Param({"../shared/rules/et-open"})
    String rules;

    private PatternSet set;
    private byte[][] payloads;

    /** Bytes scanned and candidates found, per pass. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Scan {
        public long bytes;
        public long hits;
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        PatternSet.Builder b = PatternSet.builder();
        int added = 0;
        try (Stream<Path> files = Files.list(Path.of(rules))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".rules")).sorted().toList()) {
                RuleFile read = RuleParser.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
                for (LoadedRule r : read.loaded()) {
                    io.telltale.signatures.engine.RuleCompiler.Prefilter p = io.telltale.signatures.engine.RuleCompiler.prefilter(r.rule());
                    if (p != null && added < patterns) {
                        b.add(p.pattern(), p.nocase());
                        added++;
                    }
                }
            }
        }
        set = b.build();
        List<byte[]> gathered = new ArrayList<>();
        long[] total = {0};
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS, BuiltInProtocols.ALL, e -> { });
        pipeline.inspectWith(new PayloadInspector() {
            @Override
            public void onPayload(Flow flow, boolean fromOriginator, boolean stream, MemorySegment data, long offset, int length,
                                  long nowNanos, EventSink sink) {
                if (total[0] < PAYLOAD_BUDGET && length > 0) {
                    gathered.add(data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
                    total[0] += length;
                }
            }
        });
        Path from = Files.exists(Path.of(capture)) ? Path.of(capture) : io.telltale.testdata.ReferenceCorpus.load()
                .capture("ndpi__1kxun.pcap").path();
        try (PacketSource source = CaptureFiles.open(from)) {
            while (total[0] < PAYLOAD_BUDGET && source.poll(pipeline, 256) != PacketSource.END_OF_INPUT) {
                // gather payloads
            }
        }
        payloads = gathered.toArray(new byte[0][]);
        long hits = scan(new Scan());
        System.out.printf("%n%d patterns (%d trie states, %d dense) over %d payloads, %.1f MiB from %s: %,d hits a pass%n", set.size(),
                set.states(), set.denseStates(), payloads.length, total[0] / 1048576.0, from, hits);
    }

    private int[] seen;
    private int stamp;

    /** As the rules use it: each pattern told once per payload (a rule is a candidate or not). */
    @Benchmark
    public long distinct(Scan counter) {
        if (seen == null) {
            seen = new int[set.states()];
        }
        long[] found = {0};
        for (byte[] p : payloads) {
            set.scanDistinct(p, 0, p.length, seen, ++stamp, (pattern, end) -> found[0]++);
            counter.bytes += p.length;
        }
        counter.hits += found[0];
        return found[0];
    }

    /** Every occurrence told. */
    @Benchmark
    public long scan(Scan counter) {
        long hits = 0;
        long[] found = {0};
        for (byte[] p : payloads) {
            set.scan(p, 0, p.length, (pattern, end) -> found[0]++);
            counter.bytes += p.length;
        }
        hits += found[0];
        counter.hits += hits;
        return hits;
    }
}
