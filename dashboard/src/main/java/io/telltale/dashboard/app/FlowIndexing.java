package io.telltale.dashboard.app;

import io.telltale.analysis.geo.GeoDatabase;
import io.telltale.analysis.index.FlowDocuments;
import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.IndexingSink;
import io.telltale.analysis.index.LuceneFlowIndex;
import io.telltale.analysis.index.SiteEnrichment;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.store.PacketStore;
import io.telltale.capture.store.PacketStoreConfig;
import io.telltale.capture.store.StoreRetention;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The index of a data directory, fed by {@code read} and {@code capture}: opened, fed, closed, reported. */
final class FlowIndexing implements AutoCloseable {

    /** Commits at least this often (the "every 5 seconds" is the ceiling). */
    static final long COMMIT_INTERVAL_MILLIS = 2_000;

    private final Path dataDir;
    private final IndexingSink sink;
    private final PacketStore store;
    private boolean closed;

    private FlowIndexing(Path dataDir, IndexingSink sink, PacketStore store) {
        this.dataDir = dataDir;
        this.sink = sink;
        this.store = store;
    }

    /** The data directory's packet store: {@code DIR/pcap}. */
    static Path storeDirectory(Path dataDir) {
        return io.telltale.capture.store.PacketStore.directoryIn(dataDir);
    }

    /**
     * @param fromFiles true when reading files: a full queue waits (nothing lost); false sheds with a count
     */
    static FlowIndexing open(DataDirOptions options, Policy policy, boolean fromFiles, PrintWriter log, picocli.CommandLine commandLine)
            throws IOException {
        PacketStoreConfig storeConfig = options.storeConfig(policy, commandLine); // a wrong filter stops us before any file
        IndexLayout layout = new IndexLayout(options.dataDir);
        FlowDocuments documents = new FlowDocuments(IndexSchema.standard(), new SiteEnrichment(GeoDatabase.bundled(), policy));
        Consumer<String> say = line -> {
            synchronized (log) {
                log.println("telltale: " + line);
                log.flush();
            }
        };
        FlowIndexing indexing = new FlowIndexing(options.dataDir, new IndexingSink(new LuceneFlowIndex(layout, documents,
                options.indexRetention()), COMMIT_INTERVAL_MILLIS, fromFiles, say),
                storeConfig == null ? null : new PacketStore(storeConfig));
        indexing.storeRetention = options.storeRetention();
        indexing.say = say;
        if (!fromFiles) {
            indexing.sink.onRetention(indexing::retainStore); // live: the store is kept trim as it grows
        }
        return indexing;
    }

    private StoreRetention storeRetention = StoreRetention.NONE;
    private Consumer<String> say = line -> { };
    private long storeDeletions;

    /** Deletes the store files retention no longer keeps (never one being written), saying each. */
    void retainStore() {
        if (store == null) {
            return;
        }
        try {
            for (String line : storeRetention.apply(store)) {
                storeDeletions++;
                say.accept("retention: " + line);
            }
        } catch (IOException e) {
            say.accept("retention of the packet store failed: " + e.getMessage());
        }
    }

    /** The packet store, or null when packets are not kept. */
    PacketStore store() {
        return store;
    }

    IndexingSink sink() {
        return sink;
    }

    void report(PrintWriter out, PrintWriter err) {
        out.printf("indexed %,d flow documents into %s%n", sink.flowsIndexed(), dataDir.resolve("index"));
        if (store != null) {
            out.printf("stored %,d packets in %s (%,d beyond their flow's limit not kept)%n", store.storedPackets(),
                    storeDirectory(dataDir), store.truncatedPackets());
            if (store.writeFailures() > 0) {
                err.printf("telltale: %,d packets could not be written to the packet store%n", store.writeFailures());
            }
        }
        if (sink.failures() > 0) {
            err.printf("telltale: %,d index writes failed; the first: %s%n", sink.failures(), sink.firstFailure());
        }
        if (sink.retentionDeletions() + storeDeletions > 0) {
            out.printf("retention deleted %,d index days or alert batches and %,d pcap files%n", sink.retentionDeletions(),
                    storeDeletions);
        }
        if (sink.recordsDropped() > 0) {
            err.printf("telltale: %,d protocol records not joined to a flow document (over %d for one flow, or their flow "
                    + "never ended)%n", sink.recordsDropped(), IndexingSink.MAX_RECORDS_PER_FLOW);
        }
        if (sink.shed() > 0) {
            err.printf("telltale: %,d events not indexed (the indexer fell behind)%n", sink.shed());
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            sink.close();
            retainStore();
        }
    }
}
