package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.analysis.index.SearchPage;
import io.telltale.analysis.index.SearchRequest;
import io.telltale.capture.store.StoreFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention deletes the oldest index days and pcap files, says so, and extract tells what is gone. */
class RetentionTest {

    @Test
    void ageDeletesOldDaysAndFilesButNeverTheNewest(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        ReadCommandTest.Run run = ReadCommandTest.run("read", ReadCommandTest.reference("zeek__wikipedia.pcap"),
                IndexCrashTest.example().toString(), "--out", dir.resolve("out").toString(), "--data-dir", data.toString(),
                "--retain-days", "1");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("retention: index day 2011-03-18 deleted (older than 1 days before 2026-03-02")
                .contains("retention: pcap 000000000001.pcap deleted (older than the store keeps");
        assertThat(new IndexLayout(data).partitions()).containsExactly(LocalDate.parse("2026-03-02"));
        assertThat(Files.readString(data.resolve("pcap").resolve(StoreFiles.MANIFEST)))
                .contains("{\"file\":\"000000000001.pcap\",\"deleted\":").contains("\"reason\":\"age\"");
    }

    @Test
    void aQuotaDeletesTheOldestFilesAndExtractSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        ReadCommandTest.Run run = ReadCommandTest.run("read", IndexCrashTest.example().toString(), "--out",
                dir.resolve("out").toString(), "--data-dir", data.toString(), "--store-quota", "3M");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<Long> left = StoreFiles.ids(data.resolve("pcap"));
        long bytes = 0;
        for (long id : left) {
            bytes += Files.size(StoreFiles.path(data.resolve("pcap"), id));
        }
        assertThat(bytes).isLessThanOrEqualTo(3L << 20);
        assertThat(left).doesNotContain(1L).contains(24L); // the newest file stays
        assertThat(run.err()).contains("retention: pcap 000000000001.pcap deleted (store over its quota");

        String early;
        String late;
        try (LuceneFlowSearch search = new LuceneFlowSearch(new IndexLayout(data), IndexSchema.standard())) {
            SearchRequest tcp = SearchRequest.of("proto:tcp").withLimit(1);
            early = search.search(tcp.withOrder(false)).hits().getFirst().uid();
            SearchPage newest = search.search(tcp.withOrder(true));
            late = newest.hits().getFirst().uid();
        }
        ReadCommandTest.Run gone = ReadCommandTest.run("extract", "--flow", early, "--data-dir", data.toString(), "-o",
                dir.resolve("early.pcap").toString());
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.INPUT_DAMAGED);
        assertThat(gone.err()).contains("no longer in the store");
        ReadCommandTest.Run kept = ReadCommandTest.run("extract", "--flow", late, "--data-dir", data.toString(), "-o",
                dir.resolve("late.pcap").toString());
        assertThat(kept.exitCode()).as(kept.err()).isEqualTo(ExitCodes.OK);
        assertThat(kept.out()).contains("wrote ").contains(" packets of 1 flow record ");
    }
}
