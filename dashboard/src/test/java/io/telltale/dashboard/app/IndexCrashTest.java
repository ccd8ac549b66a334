package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.LuceneFlowIndex;
import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.analysis.index.SearchRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code read --data-dir} process is killed with SIGKILL at random moments while it indexes; each
 * time the index then opens, passes Lucene's {@code CheckIndex}, holds at least every flow document of
 * its last commit, and a new process appends to it and finishes with every flow of its own input.
 */
class IndexCrashTest {

    static Path example() {
        Path here = Paths.get("").toAbsolutePath();
        while (!here.resolve("examples/screening-day.pcap").toFile().exists()) {
            here = here.getParent();
        }
        return here.resolve("examples/screening-day.pcap");
    }

    static Process read(Path dataDir, Path out, int copies) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TelltaleCommand.class.getName(), "read"));
        for (int i = 0; i < copies; i++) {
            command.add(example().toString());
        }
        command.addAll(List.of("--out", out.toString(), "--data-dir", dataDir.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Documents in every day partition, after CheckIndex passed on each; and the most any commit says it held. */
    static long[] checkedDocuments(Path dataDir) throws IOException {
        IndexLayout layout = new IndexLayout(dataDir);
        long documents = 0;
        long committed = 0;
        for (LocalDate day : layout.partitions()) {
            try (FSDirectory directory = FSDirectory.open(layout.partition(day))) {
                if (!DirectoryReader.indexExists(directory)) {
                    continue;
                }
                ByteArrayOutputStream report = new ByteArrayOutputStream();
                try (CheckIndex check = new CheckIndex(directory)) {
                    check.setInfoStream(new PrintStream(report));
                    CheckIndex.Status status = check.checkIndex();
                    assertThat(status.clean).as("CheckIndex of %s:%n%s", day, report).isTrue();
                }
                try (DirectoryReader reader = DirectoryReader.open(directory)) {
                    documents += reader.numDocs();
                    String total = reader.getIndexCommit().getUserData().get(LuceneFlowIndex.COMMITTED_FLOWS);
                    if (total != null) {
                        committed = Math.max(committed, Long.parseLong(total));
                    }
                }
            }
        }
        return new long[] {documents, committed};
    }

    private static boolean committedYet(Path dataDir) throws IOException {
        IndexLayout layout = new IndexLayout(dataDir);
        for (LocalDate day : layout.partitions()) {
            try (FSDirectory directory = FSDirectory.open(layout.partition(day))) {
                if (DirectoryReader.indexExists(directory)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void killedWhileIndexingTheIndexOpensWholeWithEverythingCommitted(@TempDir Path dir) throws Exception {
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        int flowsPerCopy = 4715;
        Path dataDir = dir.resolve("data");
        long before = 0;
        for (int kill = 0; kill < 3; kill++) {
            Process process = read(dataDir, dir.resolve("out" + kill), 40);
            if (kill == 0) {
                // the first kill comes after the first commit (a slow JVM start must not make the test moot)
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!committedYet(dataDir) && System.nanoTime() < deadline && process.isAlive()) {
                    Thread.sleep(50);
                }
            }
            long delay = (kill == 0 ? 2500 : 1500) + random.nextInt(3000); // commits come every 2 s
            boolean finishedFirst = process.waitFor(delay, TimeUnit.MILLISECONDS);
            process.destroyForcibly().waitFor(); // SIGKILL
            long[] after = checkedDocuments(dataDir);
            assertThat(after[0]).as("seed %d, kill %d after %d ms: documents at least what the last commit held", seed, kill, delay)
                    .isGreaterThanOrEqualTo(after[1]);
            assertThat(after[0]).as("seed %d: kills never lose what an earlier run committed", seed).isGreaterThanOrEqualTo(before);
            assertThat(finishedFirst).as("the read must still be indexing when it is killed").isFalse();
            before = after[0];
        }
        assertThat(before).as("something was committed before the kills").isPositive();

        Process last = read(dataDir, dir.resolve("out-last"), 1);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).isZero();
        long[] done = checkedDocuments(dataDir);
        assertThat(done[0]).isEqualTo(before + flowsPerCopy);
        try (LuceneFlowSearch search = new LuceneFlowSearch(new IndexLayout(dataDir), IndexSchema.standard())) {
            assertThat(search.search(SearchRequest.of("ip.src:10.20.30.11").withLimit(5)).total()).isPositive();
        }
    }
}
