package io.telltale.analysis.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard refreshes the search before every answer while the indexer commits every two seconds,
 * for months. A refresh must let go of the readers it replaces once the searches still using them end
 * — or the process keeps every merged-away segment open until it runs out of file descriptors — and
 * must never close a reader under a running search.
 */
class SearchRefreshTest {

    @TempDir
    Path dataDir;

    @Test
    void readersReplacedByARefreshAreClosedAndSearchesRunningMeanwhileFinish() throws Exception {
        List<FlowRecord> flows = new ArrayList<>();
        for (MonitorEvent event : AnalysedCapture.events(IndexAgreementTest.examplePcap(), FlowConfig.DEFAULTS)) {
            if (event instanceof FlowEvent f) {
                flows.add(f.flow());
            }
        }
        IndexLayout layout = new IndexLayout(dataDir);
        AtomicBoolean indexing = new AtomicBoolean(true);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService searchers = Executors.newFixedThreadPool(4);
        try (LuceneFlowIndex index = new LuceneFlowIndex(layout, new FlowDocuments(IndexSchema.standard(),
                FlowDocuments.Enrichment.NONE)); LuceneFlowSearch search = new LuceneFlowSearch(layout, IndexSchema.standard())) {
            // searches (with facets, which keep per-reader state) run the whole time the index grows
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                running.add(searchers.submit(() -> {
                    while (indexing.get()) {
                        try {
                            search.refresh();
                            search.search(SearchRequest.of("proto:tcp").withFacets(List.of("ip.dst"), 5, 10));
                        } catch (Throwable e) {
                            failures.add(e);
                            return;
                        }
                    }
                }));
            }
            int commits = 0;
            for (int i = 0; i < flows.size(); i++) {
                index.addFlow(flows.get(i), 0, List.of(), null);
                if (i % 25 == 24) {
                    index.commit();
                    commits++;
                }
            }
            index.commit();
            indexing.set(false);
            for (Future<?> f : running) {
                f.get();
            }
            assertThat(failures).as("no search saw its reader closed under it").isEmpty();
            assertThat(commits).isGreaterThan(150);
            search.refresh();
            assertThat(search.search(SearchRequest.of("").withLimit(0)).total()).isEqualTo(flows.size());
            // what stays open is the last commit's segments, not one set per refresh (a merged-away file shows as "(deleted)")
            long open = openFilesUnder(dataDir);
            long present;
            try (Stream<Path> files = Files.walk(dataDir)) {
                present = files.filter(Files::isRegularFile).count();
            }
            assertThat(open).as("index files held open by the search after %d commits (%d files are in the index now)", commits,
                    present).isLessThanOrEqualTo(present);
        } finally {
            searchers.shutdownNow();
        }
    }

    /**
     * The index files this process holds open: mapped (Lucene's MMapDirectory closes the descriptor
     * once a file is mapped, so /proc/self/maps, not /proc/self/fd, shows what a reader holds) or open.
     */
    static long openFilesUnder(Path directory) throws IOException {
        String real = directory.toRealPath().toString();
        java.util.Set<String> files = new java.util.HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int at = line.indexOf(real);
            if (at >= 0) {
                files.add(line.substring(at));
            }
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(real)) {
                        files.add(target);
                    }
                } catch (IOException e) {
                    // closed while listed
                }
            });
        }
        return files.size();
    }
}
