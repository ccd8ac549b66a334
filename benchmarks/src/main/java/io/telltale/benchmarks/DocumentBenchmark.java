package io.telltale.benchmarks;

import io.telltale.analysis.index.FlowDocuments;
import io.telltale.analysis.index.IndexSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Telltale's own share of indexing: a flow and its protocol records made into the fields of one
 * Lucene document ({@link FlowDocuments#fields}), over the example screening-day capture's flows.
 * JMH's repeated, forked measurement holds where {@code bench/index.sh}'s single pass varies by a
 * tenth on this machine; the time is per flow.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class DocumentBenchmark {

    static final int FLOWS = 4_715; // the example capture's flows (flow records; interim ones included)

    private List<IndexBenchmark.Flow> flows;
    private FlowDocuments documents;

    @Setup
    public void load() {
        flows = IndexBenchmark.read(Path.of(System.getProperty("telltale.example", "examples/screening-day.pcap")));
        if (flows.size() != FLOWS) {
            throw new IllegalStateException("the example capture has " + flows.size() + " flows, not " + FLOWS);
        }
        documents = new FlowDocuments(IndexSchema.standard(), FlowDocuments.Enrichment.NONE);
    }

    @Benchmark
    @OperationsPerInvocation(FLOWS)
    public long fields() {
        long n = 0;
        for (IndexBenchmark.Flow flow : flows) {
            n += documents.fields(flow.record(), 0, flow.records(), null).size();
        }
        return n;
    }
}
