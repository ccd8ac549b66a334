package io.telltale.analysis.index;

import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.AssetChange;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.capture.flow.FlowRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.FSDirectory;

/**
 * The flow index on disk: one Lucene index per UTC day ({@link IndexLayout}). Documents stay in the
 * order they come, which is nearly time order (a flow is written when it ends): an index sort by start
 * made Lucene write every stored source twice at each flush and re-compress it at every merge, and
 * cost a quarter of the indexing rate (52.6 k against 68.4 k flows per CPU second on 2.5 M flows,
 * bench/index.sh) while buying nothing at search time — time-ordered hits come from the sort on the
 * start's doc values, which Lucene answers by skipping over the start's points, and every query of the
 * benchmark was as fast or faster unsorted. Stored sources are LZ4-compressed (BEST_SPEED): DEFLATE
 * cost a sixth of the indexing rate for 40 bytes a flow. Merges run in Lucene's background merge threads. A few day
 * writers stay open (flows arrive roughly in time order); the oldest is committed and closed when
 * another day is needed. Single-threaded: the indexing thread is the only caller.
 */
public final class LuceneFlowIndex implements FlowIndex {

    /** Day writers open at once; a capture spans two days around midnight, a file read a few more. */
    static final int OPEN_DAYS = 3;

    static final Sort ALERT_SORT = new Sort(new SortField(AlertFields.TIME, SortField.Type.LONG));

    private final IndexLayout layout;
    private final FlowDocuments documents;
    private final Map<LocalDate, IndexWriter> days = new LinkedHashMap<>(8, 0.75f, true);
    private IndexWriter alerts;
    private long flowsAdded;

    private final IndexRetention retention;

    public LuceneFlowIndex(IndexLayout layout, FlowDocuments documents) throws IOException {
        this(layout, documents, IndexRetention.NONE);
    }

    public LuceneFlowIndex(IndexLayout layout, FlowDocuments documents, IndexRetention retention) throws IOException {
        this.layout = layout;
        this.documents = documents;
        this.retention = retention;
        Files.createDirectories(layout.flows());
        Files.createDirectories(layout.alerts());
        this.alerts = new IndexWriter(FSDirectory.open(layout.alerts()), config(ALERT_SORT));
    }

    /** @param sort the index sort, or null for none (the flow partitions: see above) */
    static IndexWriterConfig config(Sort sort) {
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
        if (sort != null) {
            config.setIndexSort(sort);
        }
        config.setCodec(new Lucene103Codec(Lucene103Codec.Mode.BEST_SPEED));
        config.setRAMBufferSizeMB(256);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setCommitOnClose(true);
        // compound files copy every flushed segment once more; the day partitions hold few segments anyway
        config.setUseCompoundFile(false);
        if (config.getMergePolicy() instanceof TieredMergePolicy tiered) {
            tiered.setNoCFSRatio(0.0);
            // merge less often: more segments per tier cost searches little (they run over segments in parallel)
            tiered.setSegmentsPerTier(30);
        }
        return config;
    }

    @Override
    public void addFlow(FlowRecord flow, int sequence, List<ProtocolRecord> records, byte[] packets) throws IOException {
        LocalDate day = IndexLayout.day(flow.startNanos());
        IndexWriter writer = writer(day);
        try {
            writer.addDocument(documents.fields(flow, sequence, records, packets));
        } catch (IOException | RuntimeException e) {
            discardIfBroken(day, writer);
            throw e;
        }
        flowsAdded++;
    }

    /**
     * A writer that a failure closed (a full disk during a flush or a commit can be fatal to it) is
     * dropped, so the next flow of its day opens the partition again from its last commit: indexing
     * stops while the disk is full and resumes by itself when space returns; what was not committed is
     * lost, what was committed is kept.
     */
    private void discardIfBroken(LocalDate day, IndexWriter writer) {
        if (!writer.isOpen() || writer.getTragicException() != null) {
            days.remove(day);
            try {
                writer.rollback();
            } catch (IOException | RuntimeException e) {
                // already closed by the failure: nothing left to release
            }
        }
    }

    private IndexWriter writer(LocalDate day) throws IOException {
        IndexWriter writer = days.get(day);
        if (writer != null) {
            return writer;
        }
        if (days.size() >= OPEN_DAYS) {
            Iterator<Map.Entry<LocalDate, IndexWriter>> eldest = days.entrySet().iterator();
            IndexWriter closing = eldest.next().getValue();
            eldest.remove();
            closing.close();
        }
        Files.createDirectories(layout.partition(day));
        writer = new IndexWriter(FSDirectory.open(layout.partition(day)), config(null));
        days.put(day, writer);
        return writer;
    }

    @Override
    public void addAlert(Alert alert) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(AlertFields.KIND, "alert", Field.Store.NO));
        doc.add(new StringField(AlertFields.ID, alert.id(), Field.Store.NO));
        time(doc, alert.timestampNanos());
        keyword(doc, AlertFields.SEVERITY, alert.severity());
        keyword(doc, AlertFields.CATEGORY, alert.category());
        keyword(doc, AlertFields.DETECTOR, alert.detector());
        keyword(doc, AlertFields.DEVICE, alert.deviceAddress());
        keyword(doc, AlertFields.REMOTE, alert.remoteAddress());
        for (long flow : alert.flowIds()) {
            doc.add(new LongPoint(AlertFields.FLOW, flow));
            doc.add(new SortedNumericDocValuesField(AlertFields.FLOW, flow));
        }
        doc.add(new StoredField(IndexSchema.SOURCE, FlowDocuments.JSON.writeValueAsBytes(alert)));
        addToAlerts(doc);
    }

    private void addToAlerts(Document doc) throws IOException {
        try {
            alerts.addDocument(doc);
        } catch (IOException | RuntimeException e) {
            reopenAlertsIfBroken();
            throw e;
        }
    }

    @Override
    public void addAssetChange(AssetChange change) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(AlertFields.KIND, "asset-change", Field.Store.NO));
        time(doc, change.timestampNanos());
        keyword(doc, AlertFields.CHANGE, change.kind());
        keyword(doc, AlertFields.ADDRESS, change.address());
        doc.add(new StoredField(IndexSchema.SOURCE, FlowDocuments.JSON.writeValueAsBytes(change)));
        addToAlerts(doc);
    }

    private static void time(Document doc, long nanos) {
        doc.add(new LongPoint(AlertFields.TIME, nanos));
        doc.add(new NumericDocValuesField(AlertFields.TIME, nanos));
    }

    private static void keyword(Document doc, String name, String value) {
        if (value != null && !value.isEmpty()) {
            doc.add(new StringField(name, IndexSchema.term(value), Field.Store.NO));
        }
    }

    /** The commit data key: flow documents this index had added, over all days, when the commit was made. */
    public static final String COMMITTED_FLOWS = "telltale.flows";

    @Override
    public void commit() throws IOException {
        IOException failure = null;
        for (Map.Entry<LocalDate, IndexWriter> day : List.copyOf(days.entrySet())) {
            IndexWriter writer = day.getValue();
            try {
                if (writer.hasUncommittedChanges()) {
                    writer.setLiveCommitData(Map.of(COMMITTED_FLOWS, Long.toString(flowsAdded)).entrySet());
                    writer.commit();
                }
            } catch (IOException | RuntimeException e) {
                discardIfBroken(day.getKey(), writer);
                failure = failure == null ? (e instanceof IOException io ? io : new IOException(e)) : failure;
            }
        }
        try {
            if (alerts.hasUncommittedChanges()) {
                alerts.commit();
            }
        } catch (IOException | RuntimeException e) {
            reopenAlertsIfBroken();
            failure = failure == null ? (e instanceof IOException io ? io : new IOException(e)) : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The alert index's writer again, from its last commit, when a failure closed it. */
    private void reopenAlertsIfBroken() {
        if (!alerts.isOpen() || alerts.getTragicException() != null) {
            try {
                alerts.rollback();
            } catch (IOException | RuntimeException e) {
                // already closed
            }
            try {
                alerts = new IndexWriter(FSDirectory.open(layout.alerts()), config(ALERT_SORT));
            } catch (IOException e) {
                // still no room: the next commit tries again
            }
        }
    }

    @Override
    public List<String> applyRetention() throws IOException {
        List<LocalDate> partitions = layout.partitions();
        LocalDate oldestKept = partitions.isEmpty() ? null : retention.oldestKept(partitions.getLast());
        if (oldestKept != null) {
            // a day that aged out while its writer was open (old flows read late) is closed, so it can go
            for (var open = days.entrySet().iterator(); open.hasNext();) {
                Map.Entry<LocalDate, IndexWriter> day = open.next();
                if (day.getKey().isBefore(oldestKept)) {
                    day.getValue().close();
                    open.remove();
                }
            }
        }
        List<String> deleted = retention.apply(layout, days.keySet());
        if (oldestKept != null) {
            long cutoff = oldestKept.toEpochDay() * 86_400L * 1_000_000_000L;
            long before = alerts.getDocStats().numDocs;
            alerts.deleteDocuments(LongPoint.newRangeQuery(AlertFields.TIME, Long.MIN_VALUE, cutoff - 1));
            alerts.commit();
            long removed = before - alerts.getDocStats().numDocs;
            if (removed > 0) {
                deleted.add(removed + " alerts and asset changes before " + oldestKept + " deleted (age)");
            }
        }
        return deleted;
    }

    @Override
    public long flowsAdded() {
        return flowsAdded;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (IndexWriter writer : days.values()) {
            try {
                writer.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        days.clear();
        alerts.close();
        if (failure != null) {
            throw failure;
        }
    }
}
