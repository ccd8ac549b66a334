package io.telltale.dashboard.app;

import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.analysis.index.SearchPage;
import io.telltale.analysis.index.SearchRequest;
import io.telltale.analysis.index.query.QueryException;
import io.telltale.capture.store.PacketExtractor;
import io.telltale.dashboard.output.EvidenceBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code telltale extract}: the stored packets of a flow, an alert or a query, as one pcap. */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Write the stored packets of one flow, of an alert's evidence, or of every flow a query matches, as one pcap "
                    + "in time order (nanosecond timestamps; Wireshark and tcpdump read it).",
            "",
            "--evidence also writes a zip for the chain of custody: the pcap, the flow records, the alert, the manifest "
                    + "lines (SHA-256) of the store files the packets came from, and a SHA256SUMS of the bundle.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the pcap was written with every packet",
            "1:the pcap was written, but some packets were no longer in the store (retention) or damaged",
            "2:the command line or the query was wrong, or nothing matched",
            "3:the index or the store could not be read, or the output not written"
        })
public final class ExtractCommand implements Callable<Integer> {

    /** Exactly one of: a flow, an alert, a query. */
    static final class Target {
        @Option(names = "--flow", paramLabel = "UID", description = "the flow's uid (as conn.log and search print it)")
        String flow;

        @Option(names = "--alert", paramLabel = "ID", description = "the alert's id: the packets of the flows that are its evidence")
        String alert;

        @Option(names = "--query", paramLabel = "QUERY", description = "every flow that matches (the search language)")
        String query;

        @Parameters(index = "0", arity = "1", paramLabel = "QUERY", description = "the same as --query")
        String positionalQuery;

        String query() {
            return query != null ? query : positionalQuery;
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "the data directory 'read --data-dir' filled")
    Path dataDir;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.pcap", description = "where to write the pcap")
    Path output;

    @Option(names = "--evidence", paramLabel = "FILE.zip", description = "also write an evidence bundle")
    Path evidence;

    @Option(names = "--max-flows", paramLabel = "N", defaultValue = "100000",
            description = "flows of a query taken at most. Default: ${DEFAULT-VALUE}")
    int maxFlows;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(new IndexLayout(dataDir).flows())) {
            err.println("telltale extract: no index in " + dataDir);
            return ExitCodes.OUTPUT_FAILED;
        }
        try (LuceneFlowSearch search = new LuceneFlowSearch(new IndexLayout(dataDir), IndexSchema.standard())) {
            List<SearchPage.FlowHit> flows;
            List<Map<String, Object>> alerts = List.of();
            String what;
            if (target.flow != null) {
                flows = search.flow(target.flow);
                what = "flow " + target.flow;
            } else if (target.alert != null) {
                alerts = search.alert(target.alert);
                if (alerts.isEmpty()) {
                    err.println("telltale extract: no alert " + target.alert + " in " + dataDir);
                    return ExitCodes.USAGE;
                }
                flows = search.evidence(target.alert);
                what = "alert " + target.alert;
            } else {
                flows = queryFlows(search, target.query());
                what = "query " + target.query();
            }
            if (flows.isEmpty()) {
                err.println("telltale extract: no flow for " + what);
                return ExitCodes.USAGE;
            }
            List<byte[]> trails = flows.stream().map(SearchPage.FlowHit::packets).toList();
            Path store = FlowIndexing.storeDirectory(dataDir);
            PacketExtractor.Extraction done = new PacketExtractor(store).extract(trails, output);
            out.printf("wrote %,d packets of %,d flow record%s (%s) to %s%n", done.packets(), flows.size(),
                    flows.size() == 1 ? "" : "s", what, output);
            if (trails.stream().allMatch(t -> t == null)) {
                err.println("telltale extract: these flows have no stored packets (read without --store-packets?)");
            }
            if (evidence != null) {
                new EvidenceBundle(store, what).write(evidence, output, flows, alerts, done);
                out.println("wrote the evidence bundle " + evidence);
            }
            if (done.missing() > 0) {
                err.printf("telltale extract: %,d packets are no longer in the store (deleted by retention, or damaged)%n",
                        done.missing());
                return ExitCodes.INPUT_DAMAGED;
            }
            return ExitCodes.OK;
        } catch (QueryException e) {
            err.println("telltale extract: the query, " + e.explain());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("telltale extract: " + e.getMessage());
            return ExitCodes.OUTPUT_FAILED;
        }
    }

    private List<SearchPage.FlowHit> queryFlows(LuceneFlowSearch search, String query) throws IOException, QueryException {
        List<SearchPage.FlowHit> flows = new ArrayList<>();
        SearchRequest request = SearchRequest.of(query).withOrder(false).withLimit(Math.min(10_000, maxFlows));
        SearchPage page = search.search(request);
        while (true) {
            for (SearchPage.FlowHit hit : page.hits()) {
                if (flows.size() < maxFlows) {
                    flows.add(hit);
                }
            }
            if (page.next() == null || flows.size() >= maxFlows) {
                return flows;
            }
            page = search.search(request.withAfter(page.next()));
        }
    }
}
