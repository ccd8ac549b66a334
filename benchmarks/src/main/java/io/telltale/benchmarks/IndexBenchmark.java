package io.telltale.benchmarks;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.index.FlowDocuments;
import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.LuceneFlowIndex;
import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.analysis.index.SearchPage;
import io.telltale.analysis.index.SearchRequest;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The index at scale (issue "Forensic search"): reads a capture once through the full pipeline, then
 * indexes its flows COPIES times, each copy a day later and with its own flow ids, until the index holds
 * millions of flows; prints the indexing rate per core (flow documents over the process's CPU seconds
 * while indexing, merges included, after one copy indexed and thrown away to warm the JIT up; and the
 * CPU per flow of each copy), the index size per flow, and the median and p99 latency of ten
 * representative queries (total count and the first page of 100 hits, newest first), and of the same
 * with facet counts and a histogram.
 *
 * <pre>java -cp benchmarks.jar io.telltale.benchmarks.IndexBenchmark CAPTURE DATA_DIR COPIES [RUNS]</pre>
 */
public final class IndexBenchmark {

    record Flow(FlowRecord record, List<ProtocolRecord> records) {
    }

    static final List<String> QUERIES = List.of(
            "ip.src:10.0.0.0/8 AND NOT ip.dst:10.0.0.0/8",
            "ip:100.255.238.148",
            "ip.dst:100.0.0.0/8 OR ip.dst:157.245.0.0/16",
            "port.dst:[1 TO 1023] AND proto:udp",
            "dns.query:*.com",
            "exists:tls.sni AND NOT port.dst:443",
            "tls.ja4:t13d1516h2_8daaf6152771_e5627efa2ab1",
            "bytes.out:>1000000",
            "duration:>=60 AND service:ssl",
            "host:*google*");

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: IndexBenchmark CAPTURE DATA_DIR COPIES [RUNS]");
            System.exit(2);
        }
        Path capture = Path.of(args[0]);
        Path dataDir = Path.of(args[1]);
        int copies = Integer.parseInt(args[2]);
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        IndexLayout layout = new IndexLayout(dataDir);
        if (copies == 0) { // query an index a run before made
            try (LuceneFlowSearch search = new LuceneFlowSearch(layout, IndexSchema.standard())) {
                queries(search, search.search(SearchRequest.of("").withLimit(0)).total(), runs);
            }
            return;
        }
        List<Flow> flows = read(capture);
        System.out.printf("capture: %,d flows with %,d protocol records%n", flows.size(),
                flows.stream().mapToLong(f -> f.records().size()).sum());

        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        FlowDocuments builder = new FlowDocuments(IndexSchema.standard(), FlowDocuments.Enrichment.NONE);
        long building = 0;
        for (int round = 0; round < 3; round++) {
            long start = os.getProcessCpuTime();
            for (Flow flow : flows) {
                building += builder.document(flow.record(), 0, flow.records(), null).getFields().size();
            }
            if (round == 2) {
                double seconds = (os.getProcessCpuTime() - start) / 1e9;
                System.out.printf("building documents alone: %,.0f flows/s (%.1f fields each)%n", flows.size() / seconds,
                        building / 3.0 / flows.size());
            }
        }
        // an appliance indexes for months: the rate that counts is after the JIT has compiled Lucene's
        // indexing chain, which took a third of the first half-million flows' CPU; one copy into a scratch
        // index first, thrown away
        Path scratch = Files.createTempDirectory(dataDir.toAbsolutePath().getParent(), "warm-up");
        long warmUp = os.getProcessCpuTime();
        try (LuceneFlowIndex index = new LuceneFlowIndex(new IndexLayout(scratch), new FlowDocuments(IndexSchema.standard(),
                FlowDocuments.Enrichment.NONE))) {
            for (Flow flow : flows) {
                index.addFlow(flow.record(), 0, flow.records(), null);
            }
        }
        System.out.printf("warm-up (one copy, not counted): %.1f µs of CPU per flow%n",
                (os.getProcessCpuTime() - warmUp) / 1e3 / flows.size());
        delete(scratch);
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        long documents = 0;
        try (LuceneFlowIndex index = new LuceneFlowIndex(layout, new FlowDocuments(IndexSchema.standard(),
                FlowDocuments.Enrichment.NONE))) {
            for (int copy = 0; copy < copies; copy++) {
                long shift = copy * 86_400_000_000_000L;
                long copyCpu = os.getProcessCpuTime();
                for (Flow flow : flows) {
                    index.addFlow(shifted(flow.record(), copy, shift), 0, flow.records(), null);
                    documents++;
                }
                index.commit();
                System.out.printf("  copy %d: %,d documents, %.1f µs of CPU per flow%n", copy + 1, documents,
                        (os.getProcessCpuTime() - copyCpu) / 1e3 / flows.size());
            }
        }
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        long bytes = size(layout.flows());
        System.out.printf("indexed %,d flow documents in %.1f s wall, %.1f s CPU: %,.0f flows/s per core (goal 100,000)%n",
                documents, wall, cpu, documents / cpu);
        System.out.printf("index size: %,d bytes, %.0f bytes per flow (goal 300)%n", bytes, (double) bytes / documents);

        try (LuceneFlowSearch search = new LuceneFlowSearch(layout, IndexSchema.standard())) {
            queries(search, documents, runs);
        }
    }

    private static void queries(LuceneFlowSearch search, long documents, int runs) throws Exception {
        System.out.printf("%nquery latency over %,d flows, %d runs each (ms):%n", documents, runs);
        // first: the query's first run, before Lucene's query cache has seen it (what an analyst waits for)
        System.out.printf("%-52s %12s %8s %8s %8s %10s %10s%n", "query", "matches", "first", "median", "p99", "facets-med",
                "facets-p99");
        double worstP99 = 0;
        double worstFacets = 0;
        // and one flow's Community ID, as an analyst pastes it from Suricata or Zeek (a scan of doc values)
        SearchPage newest = search.search(SearchRequest.of("").withLimit(1));
        List<String> queries = new ArrayList<>(QUERIES);
        if (!newest.hits().isEmpty() && newest.hits().get(0).fields().get("flow.community_id") instanceof String id) {
            queries.add("community_id:\"" + id + "\"");
        }
        for (String query : queries) {
            SearchRequest plain = SearchRequest.of(query).withLimit(100);
            SearchRequest faceted = plain.withFacets(List.of("ip.dst", "port.dst", "flow.service", "country.dst"), 10, 48);
            long first = System.nanoTime();
            long total = search.search(plain).total();
            double firstMs = (System.nanoTime() - first) / 1e6;
            double[] p = latencies(search, plain, runs);
            double[] f = latencies(search, faceted, Math.max(5, runs / 3));
            worstP99 = Math.max(worstP99, p[1]);
            worstFacets = Math.max(worstFacets, f[1]);
            System.out.printf("%-52s %,12d %8.1f %8.1f %8.1f %10.1f %10.1f%n", query, total, firstMs, p[0], p[1], f[0], f[1]);
        }
        System.out.printf("worst p99: %.1f ms for hits and count, %.1f ms with facets and histogram (goal 200)%n", worstP99,
                worstFacets);
    }

    private static double[] latencies(LuceneFlowSearch search, SearchRequest request, int runs) throws Exception {
        for (int i = 0; i < 3; i++) {
            search.search(request);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            SearchPage page = search.search(request);
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (page.total() < 0) {
                throw new IllegalStateException();
            }
        }
        Arrays.sort(ms);
        return new double[] {ms[runs / 2], ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.99) - 1)]};
    }

    static List<Flow> read(Path capture) {
        List<Flow> flows = new ArrayList<>();
        Map<Long, List<ProtocolRecord>> pending = new HashMap<>();
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS, BuiltInProtocols.ALL, (MonitorEvent e) -> {
            if (e instanceof ProtocolRecord r && r.flowId() != 0) {
                pending.computeIfAbsent(r.flowId(), k -> new ArrayList<>(2)).add(r);
            } else if (e instanceof FlowEvent f) {
                List<ProtocolRecord> records = pending.remove(f.flow().id());
                flows.add(new Flow(f.flow(), records == null ? List.of() : records));
            }
        });
        try (PacketSource source = CaptureFiles.open(capture)) {
            while (source.poll(pipeline, 256) != PacketSource.END_OF_INPUT) {
                // read it all
            }
        }
        pipeline.finish();
        return flows;
    }

    /** The flow a day later per copy, with an id of its own (the uid changes with it). */
    private static FlowRecord shifted(FlowRecord r, int copy, long shiftNanos) {
        if (copy == 0) {
            return r;
        }
        return new FlowRecord(r.id() * 31 + copy, r.startNanos() + shiftNanos, r.durationNanos(), r.originatorHigh(),
                r.originatorLow(), r.originatorPort(), r.responderHigh(), r.responderLow(), r.responderPort(), r.ipProtocol(),
                r.oneWay(), r.service(), r.originatorBytes(), r.responderBytes(), r.connState(), r.localOriginator(),
                r.localResponder(), r.missedBytes(), r.history(), r.originatorPackets(), r.originatorIpBytes(),
                r.responderPackets(), r.responderIpBytes(), r.tunnelParentId(), r.vlan(), r.innerVlan(), r.communityIdSeed(),
                r.originatorFrameBytes(), r.responderFrameBytes(), r.endReason(), r.originatorStats(), r.responderStats(),
                r.packets());
    }

    private static void delete(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long size(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
