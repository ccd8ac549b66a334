package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.analysis.index.SearchPage;
import io.telltale.analysis.index.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long flow read with an active timeout is several documents, one per interim record and the last,
 * under one uid with sequence 0, 1, 2, …; extracting the uid gives the same packets, byte for byte, as
 * extracting the flow read whole; the store files roll at the size asked for.
 */
class InterimRecordsTest {

    @Test
    void aLongFlowsPartsAreOneFlowToSearchAndExtract(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        String example = IndexCrashTest.example().toString();
        assertThat(ReadCommandTest.run("read", example, "--out", dir.resolve("o1").toString(), "--data-dir", whole.toString())
                .exitCode()).isZero();
        assertThat(ReadCommandTest.run("read", example, "--out", dir.resolve("o2").toString(), "--data-dir", parts.toString(),
                "--active-timeout", "300", "--store-file-size", "64K").exitCode()).isZero();
        String uid;
        try (LuceneFlowSearch search = new LuceneFlowSearch(new IndexLayout(parts), IndexSchema.standard())) {
            SearchPage interim = search.search(SearchRequest.of("flow.interim:true AND proto:tcp").withLimit(1));
            assertThat(interim.total()).isPositive();
            uid = interim.hits().getFirst().uid();
            List<SearchPage.FlowHit> documents = search.flow(uid);
            assertThat(documents).hasSizeGreaterThan(1);
            for (int i = 0; i < documents.size(); i++) {
                assertThat(documents.get(i).sequence()).isEqualTo(i);
                assertThat(documents.get(i).fields().get("flow.interim")).isEqualTo(i < documents.size() - 1);
            }
        }
        assertThat(Files.list(parts.resolve("pcap")).filter(p -> p.toString().endsWith(".pcap")).count())
                .as("64 KiB files").isGreaterThan(Files.list(whole.resolve("pcap")).filter(p -> p.toString().endsWith(".pcap")).count());
        ReadCommandTest.Run a = ReadCommandTest.run("extract", "--flow", uid, "--data-dir", whole.toString(), "-o",
                dir.resolve("whole.pcap").toString());
        ReadCommandTest.Run b = ReadCommandTest.run("extract", "--flow", uid, "--data-dir", parts.toString(), "-o",
                dir.resolve("parts.pcap").toString());
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).contains(" flow records ");
        assertThat(Files.readAllBytes(dir.resolve("parts.pcap"))).isEqualTo(Files.readAllBytes(dir.resolve("whole.pcap")));
    }
}
