package io.telltale.analysis.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.testdata.live.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk fills up under the index (a tmpfs of a few megabytes, mounted for the test): writing fails
 * and says so, what was committed stays, and when space returns (the tmpfs grown) indexing resumes
 * by itself — the index then passes Lucene's CheckIndex and holds the flows of before and after.
 */
class DiskFullTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskStopsIndexingLoudlyAndItResumesWhenSpaceReturns() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        assumeTrue(Tmpfs.mount(data, "1m"), "mounting a tmpfs needs root");
        try {
            List<FlowRecord> flows = new ArrayList<>();
            for (MonitorEvent event : AnalysedCapture.events(IndexAgreementTest.examplePcap(), FlowConfig.DEFAULTS)) {
                if (event instanceof FlowEvent f) {
                    flows.add(f.flow());
                }
            }
            List<String> said = new ArrayList<>();
            IndexLayout layout = new IndexLayout(data);
            LuceneFlowIndex index = new LuceneFlowIndex(layout, new FlowDocuments(IndexSchema.standard(), FlowDocuments.Enrichment.NONE));
            IndexingSink sink = new IndexingSink(index, 100, true, said::add);
            int i = 0;
            // until the disk is full, and some way past it
            while (!sink.failing() && i < flows.size()) {
                sink.accept(new FlowEvent(flows.get(i++)));
                if (i % 100 == 0) {
                    Thread.sleep(150); // a commit between
                }
            }
            assertThat(sink.failing()).as("a 1 MiB disk fills with %d flows", flows.size()).isTrue();
            int failedAt = i;
            String firstFlowUid = flows.getFirst().uid();
            assertThat(said).anyMatch(line -> line.startsWith("index: writing failed (") && line.contains("not indexed"));
            for (int k = 0; k < 200 && i < flows.size(); k++) {
                sink.accept(new FlowEvent(flows.get(i++)));
            }
            Thread.sleep(500);
            // space returns
            assertThat(Tmpfs.grow(data, "256m")).isTrue();
            List<String> after = new ArrayList<>();
            while (i < flows.size()) {
                FlowRecord flow = flows.get(i++);
                sink.accept(new FlowEvent(flow));
                after.add(flow.uid());
            }
            sink.close();
            assertThat(said).anyMatch(line -> line.startsWith("index: writing works again"));
            for (Path partition : layout.partitions().stream().map(layout::partition).toList()) {
                try (var directory = FSDirectory.open(partition); CheckIndex check = new CheckIndex(directory)) {
                    assertThat(check.checkIndex().clean).as("CheckIndex %s", partition).isTrue();
                }
            }
            try (LuceneFlowSearch search = new LuceneFlowSearch(layout, IndexSchema.standard())) {
                assertThat(search.flow(firstFlowUid)).as("committed before the disk was full").isNotEmpty();
                assertThat(search.flow(after.getLast())).as("indexed after space returned").isNotEmpty();
                long total = search.search(SearchRequest.of("").withLimit(0)).total();
                assertThat(total).as("flows lost only around the full disk (it filled at flow %d)", failedAt)
                        .isGreaterThanOrEqualTo(after.size()).isLessThan(flows.size());
            }
        } finally {
            Tmpfs.unmount(data);
        }
    }
}
