package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.analysis.index.SearchRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture read into a data directory a second time is refused (its flows would be there twice), unless asked. */
class ReadTwiceTest {

    static long flows(Path data) throws Exception {
        try (LuceneFlowSearch search = new LuceneFlowSearch(new IndexLayout(data), IndexSchema.standard())) {
            return search.search(SearchRequest.of("").withLimit(0)).total();
        }
    }

    @Test
    void theSameFileTwiceIsRefusedUnlessReindexIsAsked(@TempDir Path dir) throws Exception {
        String pcap = ReadCommandTest.reference("zeek__wikipedia.pcap");
        Path data = dir.resolve("data");
        assertThat(ReadCommandTest.run("read", pcap, "--out", dir.resolve("a").toString(), "--data-dir", data.toString())
                .exitCode()).isZero();
        long once = flows(data);
        assertThat(once).isEqualTo(34);
        ReadCommandTest.Run again = ReadCommandTest.run("read", pcap, "--out", dir.resolve("b").toString(), "--data-dir",
                data.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("was indexed into").contains("--reindex");
        assertThat(flows(data)).isEqualTo(once);
        assertThat(ReadCommandTest.run("read", pcap, "--out", dir.resolve("c").toString(), "--data-dir", data.toString(),
                "--reindex").exitCode()).isZero();
        assertThat(flows(data)).isEqualTo(2 * once);
    }
}
