package io.telltale.dashboard.app;

import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.analysis.index.SearchPage;
import io.telltale.analysis.index.SearchRequest;
import io.telltale.analysis.index.query.QueryException;
import io.telltale.analysis.index.query.TimeValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code telltale search}: flows of the index that match a query. */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Search the flows indexed in a data directory.",
            "",
            "The query is Lucene's syntax over the field names ('telltale search --list-fields' lists them): "
                    + "ip.dst:203.0.113.0/24, port:[1 TO 1023], bytes.out:>1000000, duration:>=60, dns.query:*.example, "
                    + "tls.ja4:t13d*, country:CN, device:scanners, alert:beaconing, exists:tls.sni, with AND, OR, NOT and "
                    + "parentheses; terms side by side must all hold. A word without a field searches names, URIs and "
                    + "user agents. An empty query matches every flow.",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the search ran (also when nothing matched)",
            "2:the command line or the query was wrong",
            "3:the index could not be read"
        })
public final class SearchCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "QUERY", defaultValue = "", description = "what to look for (quote it in the shell)")
    String query;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "the data directory 'read --data-dir' or 'run' fills")
    Path dataDir;

    @Option(names = "--since", paramLabel = "WHEN", description = "flows that were still going at or after this: a time "
            + "(2026-11-28, 2026-11-28T10:00:00Z) or a span back from now (7d, 12h, 30m)")
    String since;

    @Option(names = "--until", paramLabel = "WHEN", description = "flows that started at or before this (same forms)")
    String until;

    @Option(names = "--fields", split = ",", paramLabel = "FIELD", description = "fields to show (default: the flow's "
            + "times, ends, transport, services and bytes; jsonl: every field)")
    List<String> fields;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, jsonl (one object per flow with its uid) or csv. Default: ${DEFAULT-VALUE}")
    SearchFormat format;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "hits per page. Default: ${DEFAULT-VALUE}")
    int limit;

    @Option(names = "--oldest-first", description = "oldest flows first (default: newest first)")
    boolean oldestFirst;

    @Option(names = "--after", paramLabel = "CURSOR", description = "the next page: the cursor the last page ended with")
    String after;

    @Option(names = "--facets", split = ",", paramLabel = "FIELD", description = "count the top values of these fields over "
            + "all matches (table format), e.g. ip.dst,country.dst,port.dst,flow.service,device.src,tls.ja4")
    List<String> facets;

    @Option(names = "--histogram", paramLabel = "BUCKETS", defaultValue = "0",
            description = "print the matches over time in at most this many buckets (table format)")
    int histogram;

    @Option(names = "--list-fields", description = "list the fields and aliases a query can use, and stop")
    boolean listFields;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (listFields) {
            listFields(out);
            return ExitCodes.OK;
        }
        if (limit < 0 || limit > 100_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 0-100000, not " + limit);
        }
        if (!Files.isDirectory(new IndexLayout(dataDir).flows())) {
            err.println("telltale search: no index in " + dataDir + " (fill it with 'telltale read FILE --out DIR --data-dir "
                    + dataDir + "')");
            return ExitCodes.OUTPUT_FAILED;
        }
        SearchRequest request = new SearchRequest(query, time(since, "--since"), until == null ? Long.MAX_VALUE : time(until, "--until"),
                !oldestFirst, limit, after, fields, facets, 10, histogram);
        try (LuceneFlowSearch search = new LuceneFlowSearch(new IndexLayout(dataDir), IndexSchema.standard())) {
            SearchPage page = search.search(request);
            new SearchPrinter(out, format, fields).print(page, facets == null ? List.of() : facets);
            String shown = String.format("%,d of %,d flows", page.hits().size(), page.total());
            String more = page.next() == null ? "" : " (next page: --after " + page.next() + ")";
            (format == SearchFormat.TABLE ? out : err).println(shown + more);
            out.flush();
            return ExitCodes.OK;
        } catch (QueryException e) {
            err.println("telltale search: the query, " + e.explain());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("telltale search: cannot read the index in " + dataDir + ": " + e.getMessage());
            return ExitCodes.OUTPUT_FAILED;
        }
    }

    private long time(String text, String option) {
        if (text == null) {
            return Long.MIN_VALUE;
        }
        try {
            if (text.matches("\\d+(\\.\\d+)?(s|m|h|d|w)")) {
                long now = clock.millis() * 1_000_000L;
                return now - TimeValues.durationNanos(text);
            }
            return TimeValues.instantNanos(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private static void listFields(PrintWriter out) {
        IndexSchema schema = IndexSchema.standard();
        for (FieldSpec field : schema.fields()) {
            out.printf("%-28s %-9s %s%s%n", field.name(), field.type().name().toLowerCase(java.util.Locale.ROOT),
                    field.description(), schema.facet(field) ? " (facets)" : "");
        }
        out.println();
        schema.aliases().forEach((alias, targets) -> out.printf("%-28s alias of %s%n", alias,
                String.join(" or ", targets.stream().map(FieldSpec::name).toList())));
        out.printf("%-28s flows that are the evidence of alerts with this id, category, detector or severity%n", "alert");
        out.printf("%-28s flows that hold the field%n", "exists");
        out.flush();
    }
}
