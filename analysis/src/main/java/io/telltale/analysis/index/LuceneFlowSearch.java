package io.telltale.analysis.index;

import com.fasterxml.jackson.core.type.TypeReference;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import io.telltale.analysis.index.query.AlertLookup;
import io.telltale.analysis.index.query.FlowQueryParser;
import io.telltale.analysis.index.query.QueryException;
import io.telltale.capture.flow.FlowIds;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.LongValueFacetCounts;
import org.apache.lucene.facet.MultiLongValuesSource;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.store.FSDirectory;

/**
 * Searches the day partitions and the alert index of a data directory as they were last committed.
 * Hits are sorted by time (then flow id and sequence, so every document has one place) and paged with
 * a cursor of those three values: the next page costs what the first did, however deep it is.
 */
public final class LuceneFlowSearch implements FlowSearch {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final long[] NICE_BUCKETS_SECONDS = {1, 5, 10, 30, 60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600,
        12 * 3600, 86400, 7 * 86400, 30 * 86400};

    private final IndexLayout layout;
    private final IndexSchema schema;
    private final Map<LocalDate, DirectoryReader> days = new LinkedHashMap<>();
    private DirectoryReader alerts;
    private volatile IndexSearcher flows;
    private volatile IndexSearcher alertSearcher;
    /** Facet ordinals of each field over the current reader, built once per refresh (they cost 100 ms on 10 M flows). */
    private final Map<String, FacetState> facetStates = new ConcurrentHashMap<>();

    /** A field's facet ordinals and the reader they were built over. */
    private record FacetState(IndexReader reader, StringDocValuesReaderState state) {
    }
    /** Searches the segments of all days at once, one thread per core. */
    private static final ExecutorService SEARCH_THREADS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), r -> Thread.ofPlatform().daemon().name("telltale-search").unstarted(r));

    public LuceneFlowSearch(IndexLayout layout, IndexSchema schema) throws IOException {
        this.layout = layout;
        this.schema = schema;
        refresh();
    }

    /**
     * Opens what was committed since. A new searcher (and new facet ordinals, costly on a big index) is
     * made only when a day's reader changed: the dashboard refreshes before every answer, and an
     * unchanged index must cost those answers nothing.
     */
    @Override
    public synchronized void refresh() throws IOException {
        boolean changed = flows == null;
        for (LocalDate day : layout.partitions()) {
            DirectoryReader reader = days.get(day);
            if (reader == null) {
                FSDirectory directory = FSDirectory.open(layout.partition(day));
                if (DirectoryReader.indexExists(directory)) {
                    days.put(day, DirectoryReader.open(directory));
                    changed = true;
                }
            } else {
                DirectoryReader newer = DirectoryReader.openIfChanged(reader);
                if (newer != null) {
                    reader.close();
                    days.put(day, newer);
                    changed = true;
                }
            }
        }
        for (var it = days.entrySet().iterator(); it.hasNext(); ) {
            var day = it.next();
            if (!Files.isDirectory(layout.partition(day.getKey()))) { // deleted by retention
                it.remove();
                day.getValue().close();
                changed = true;
            }
        }
        if (changed) {
            // the new reader holds a reference on each day; the old one lets go of its own once its last search ends
            IndexSearcher old = flows;
            flows = new IndexSearcher(new MultiReader(days.values().toArray(IndexReader[]::new), false), SEARCH_THREADS);
            facetStates.clear();
            release(old);
        }
        if (Files.isDirectory(layout.alerts())) {
            if (alerts == null) {
                FSDirectory directory = FSDirectory.open(layout.alerts());
                if (DirectoryReader.indexExists(directory)) {
                    alerts = DirectoryReader.open(directory);
                    alertSearcher = new IndexSearcher(alerts);
                }
            } else {
                DirectoryReader newer = DirectoryReader.openIfChanged(alerts);
                if (newer != null) {
                    DirectoryReader old = alerts;
                    alerts = newer;
                    alertSearcher = new IndexSearcher(alerts);
                    old.decRef(); // closed once the searches still reading it end
                }
            }
        }
    }

    /** The parser this search reads queries with (alerts resolved against its alert index). */
    public FlowQueryParser parser() {
        return new FlowQueryParser(schema, this::flowsOfAlerts);
    }

    @Override
    public SearchPage search(SearchRequest request) throws IOException, QueryException {
        IndexSearcher searcher = acquireFlows();
        try {
            return search(searcher, request);
        } finally {
            release(searcher);
        }
    }

    private SearchPage search(IndexSearcher searcher, SearchRequest request) throws IOException, QueryException {
        Query query = timeBounded(parser().parse(request.query()), request.sinceNanos(), request.untilNanos());
        Sort sort = sort(request.newestFirst());
        long total = searcher.count(query);
        List<SearchPage.FlowHit> hits = new ArrayList<>();
        String next = null;
        if (request.limit() > 0 && searcher.getIndexReader().maxDoc() > 0) {
            TopFieldDocs top = searcher.searchAfter(cursor(request.after(), searcher.getIndexReader().maxDoc()), query, request.limit(), sort, false);
            StoredFields stored = searcher.storedFields();
            Set<String> wanted = request.fields().isEmpty() ? null : new HashSet<>(request.fields());
            for (ScoreDoc scoreDoc : top.scoreDocs) {
                FieldDoc doc = (FieldDoc) scoreDoc;
                hits.add(hit(searcher.getIndexReader(), stored, doc.doc, wanted));
            }
            if (top.scoreDocs.length == request.limit()) {
                FieldDoc last = (FieldDoc) top.scoreDocs[top.scoreDocs.length - 1];
                next = last.fields[0] + ":" + last.fields[1] + ":" + last.fields[2];
            }
        }
        Map<String, List<SearchPage.FacetCount>> facets = new LinkedHashMap<>();
        List<SearchPage.HistogramBucket> histogram = List.of();
        long bucketNanos = 0;
        if (!request.facets().isEmpty() || request.histogramBuckets() > 0) {
            FacetsCollector matches = searcher.search(query, new FacetsCollectorManager());
            // each count walks every match: they run side by side, a thread per core
            Map<String, Future<List<SearchPage.FacetCount>>> counting = new LinkedHashMap<>();
            for (String name : request.facets()) {
                counting.put(name, SEARCH_THREADS.submit(() -> facet(searcher.getIndexReader(), matches, name, request.facetSize())));
            }
            Future<long[]> range = SEARCH_THREADS.submit(() -> request.histogramBuckets() > 0 ? timeRange(matches, request) : null);
            if (request.histogramBuckets() > 0) {
                long[] span = done(range);
                bucketNanos = bucketNanos(span, request.histogramBuckets());
                histogram = histogram(matches, span[0], bucketNanos);
            }
            for (Map.Entry<String, Future<List<SearchPage.FacetCount>>> count : counting.entrySet()) {
                facets.put(count.getKey(), done(count.getValue()));
            }
        }
        return new SearchPage(total, hits, next, facets, histogram, bucketNanos);
    }

    /** The task's result; its IOException or QueryException as itself. */
    private static <T> T done(Future<T> task) throws IOException, QueryException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while counting", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case QueryException q -> throw q;
                case RuntimeException r -> throw r;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    private static Query timeBounded(Query query, long since, long until) {
        if (since == Long.MIN_VALUE && until == Long.MAX_VALUE) {
            return query;
        }
        return new BooleanQuery.Builder()
                .add(query, Occur.MUST)
                .add(LongPoint.newRangeQuery(FlowFields.START.name(), Long.MIN_VALUE, until), Occur.FILTER)
                .add(LongPoint.newRangeQuery(FlowFields.END.name(), since, Long.MAX_VALUE), Occur.FILTER)
                .build();
    }

    static Sort sort(boolean newestFirst) {
        return new Sort(new SortField(FlowFields.START.name(), SortField.Type.LONG, newestFirst),
                new SortField(IndexSchema.ID, SortField.Type.LONG, newestFirst),
                new SortField(IndexSchema.SEQUENCE, SortField.Type.LONG, newestFirst));
    }

    private static FieldDoc cursor(String after, int maxDoc) throws QueryException {
        if (after == null || after.isEmpty()) {
            return null;
        }
        String[] parts = after.split(":");
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            // the last doc id: sort values tie only for the document the cursor names, which is then "before" it
            return new FieldDoc(Math.max(0, maxDoc - 1), Float.NaN, new Object[] {Long.parseLong(parts[0]),
                Long.parseLong(parts[1]), Long.parseLong(parts[2])});
        } catch (NumberFormatException e) {
            throw new QueryException(after, 0, "not a page cursor (it is the 'next' value of a page)");
        }
    }

    private SearchPage.FlowHit hit(IndexReader reader, StoredFields stored, int doc, Set<String> wanted) throws IOException {
        var document = stored.document(doc);
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int local = doc - leaf.docBase;
        BinaryDocValues sources = leaf.reader().getBinaryDocValues(IndexSchema.SOURCE_VALUES);
        Map<String, Object> all;
        try {
            if (sources != null && sources.advanceExact(local)) {
                // the start and the id are the document's doc values, not in its source
                Long start = longValue(leaf, FlowFields.START.name(), local);
                Long id = longValue(leaf, IndexSchema.ID, local);
                BytesRef bytes = sources.binaryValue();
                all = SourceCodec.decode(bytes.bytes, bytes.offset, bytes.length, schema, start);
                if (id != null) {
                    all.putIfAbsent(IndexSchema.ID_KEY, id);
                }
            } else { // written before the source moved to doc values: all of it stored
                BytesRef bytes = document.getBinaryValue(IndexSchema.SOURCE);
                all = bytes == null ? Map.of() : SourceCodec.decode(bytes.bytes, bytes.offset, bytes.length, schema);
            }
        } catch (IllegalArgumentException e) {
            all = Map.of();
        }
        if (!(all.get(IndexSchema.ID_KEY) instanceof Number) || !(all.get(FlowFields.START.name()) instanceof Number)) {
            // an IOException, so every caller says it as it says an unreadable index, not as a stack trace
            throw new IOException("a flow document cannot be read (damaged, or written by another version of Telltale); "
                    + "index it again into a new --data-dir");
        }
        long id = ((Number) all.get(IndexSchema.ID_KEY)).longValue();
        // documents written since the uid left the stored source have only the id it is made from
        String uid = all.get(FlowFields.UID.name()) instanceof String written ? written : io.telltale.capture.flow.FlowIds.uid(id);
        Map<String, Object> fields = new LinkedHashMap<>();
        if (wanted == null || wanted.contains(FlowFields.UID.name())) {
            fields.put(FlowFields.UID.name(), uid);
        }
        for (Map.Entry<String, Object> entry : all.entrySet()) {
            if (!entry.getKey().startsWith("_") && (wanted == null || wanted.contains(entry.getKey()))) {
                fields.put(entry.getKey(), entry.getValue());
            }
        }
        var packets = document.getBinaryValue(IndexSchema.PACKETS);
        return new SearchPage.FlowHit(uid, id, sequence(all),
                ((Number) all.get(FlowFields.START.name())).longValue(), fields, packets == null ? null
                        : Arrays.copyOfRange(packets.bytes, packets.offset, packets.offset + packets.length));
    }

    /** A single-valued numeric doc value of a document of the segment, or null. */
    private static Long longValue(LeafReaderContext leaf, String field, int doc) throws IOException {
        var values = leaf.reader().getNumericDocValues(field);
        return values != null && values.advanceExact(doc) ? values.longValue() : null;
    }

    private static int sequence(Map<String, Object> source) {
        Object seq = source.get(IndexSchema.SEQUENCE_KEY);
        return seq instanceof Number n ? n.intValue() : 0;
    }

    private List<SearchPage.FacetCount> facet(IndexReader reader, FacetsCollector matches, String name, int size)
            throws IOException, QueryException {
        FieldSpec field = schema.field(name);
        if (field == null || !schema.facet(field)) {
            throw new QueryException(name, 0, "no facet counts for '" + name + "'; these have them: "
                    + schema.facets().stream().map(FieldSpec::name).toList());
        }
        FacetResult result;
        if (field.type() == FieldType.COUNT) {
            result = new LongValueFacetCounts(name, MultiLongValuesSource.fromLongField(name), matches)
                    .getTopChildren(size, name);
        } else {
            if (!hasDocValues(reader, name)) {
                return List.of();
            }
            FacetState cached = facetStates.get(name);
            if (cached == null || cached.reader() != reader) {
                cached = new FacetState(reader, new StringDocValuesReaderState(reader, name));
                facetStates.put(name, cached);
            }
            result = new StringValueFacetCounts(cached.state(), matches).getTopChildren(size, name);
        }
        List<SearchPage.FacetCount> counts = new ArrayList<>();
        if (result != null) {
            for (LabelAndValue label : result.labelValues) {
                counts.add(new SearchPage.FacetCount(label.label, label.value.longValue()));
            }
        }
        return counts;
    }

    private static boolean hasDocValues(IndexReader reader, String name) {
        for (var leaf : reader.leaves()) {
            var info = leaf.reader().getFieldInfos().fieldInfo(name);
            if (info != null && info.getDocValuesType() != DocValuesType.NONE) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code each} with the start time of every matching document. */
    /** Calls {@code each} with every value of a numeric doc-values field of every matching document. */
    private static void forEachValue(FacetsCollector matches, String field, LongConsumer each) throws IOException {
        for (FacetsCollector.MatchingDocs docs : matches.getMatchingDocs()) {
            SortedNumericDocValues values = DocValues.getSortedNumeric(docs.context().reader(), field);
            DocIdSetIterator it = docs.bits() == null ? null : docs.bits().iterator();
            if (it == null) {
                continue;
            }
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (values.advanceExact(doc)) {
                    for (int i = 0; i < values.docValueCount(); i++) {
                        each.accept(values.nextValue());
                    }
                }
            }
        }
    }

    private static long[] timeRange(FacetsCollector matches, SearchRequest request) throws IOException {
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        forEachValue(matches, FlowFields.START.name(), start -> {
            range[0] = Math.min(range[0], start);
            range[1] = Math.max(range[1], start);
        });
        if (request.sinceNanos() != Long.MIN_VALUE) {
            range[0] = request.sinceNanos();
        }
        if (request.untilNanos() != Long.MAX_VALUE) {
            range[1] = request.untilNanos();
        }
        return range[0] > range[1] ? new long[] {0, 0} : range;
    }

    /** The smallest round bucket width that covers the range in at most this many buckets. */
    static long bucketNanos(long[] range, int buckets) {
        long span = range[1] - range[0] + 1;
        // buckets start on multiples of the width, so the range may touch one more than span / width + 1
        for (long seconds : NICE_BUCKETS_SECONDS) {
            long width = seconds * 1_000_000_000L;
            if (span / width + 2 <= buckets) {
                return width;
            }
        }
        return Math.max(1, span / Math.max(1, buckets - 2) + 1);
    }

    private static List<SearchPage.HistogramBucket> histogram(FacetsCollector matches, long from, long widthNanos)
            throws IOException {
        long origin = Math.floorDiv(from, widthNanos) * widthNanos;
        Map<Long, Long> counts = new TreeMap<>();
        forEachValue(matches, FlowFields.START.name(), start -> counts.merge(origin + Math.floorDiv(start - origin, widthNanos) * widthNanos, 1L, Long::sum));
        List<SearchPage.HistogramBucket> buckets = new ArrayList<>();
        counts.forEach((start, count) -> buckets.add(new SearchPage.HistogramBucket(start, count)));
        return buckets;
    }

    @Override
    public List<SearchPage.FlowHit> flow(String uid) throws IOException {
        long id;
        try {
            id = FlowIds.parse(uid);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        return flowsById(List.of(id));
    }

    @Override
    public List<SearchPage.FlowHit> flowsById(Collection<Long> ids) throws IOException {
        if (ids.isEmpty()) {
            return List.of();
        }
        IndexSearcher searcher = acquireFlows();
        try {
            return flowsById(searcher, ids);
        } finally {
            release(searcher);
        }
    }

    private List<SearchPage.FlowHit> flowsById(IndexSearcher searcher, Collection<Long> ids) throws IOException {
        Query query = LongPoint.newSetQuery(IndexSchema.ID, ids);
        // every document: a week-long flow with an interim record every 5 minutes has 2,000
        TopFieldDocs top = searcher.search(query, Math.max(1, searcher.count(query)), sort(false));
        StoredFields stored = searcher.storedFields();
        List<SearchPage.FlowHit> hits = new ArrayList<>();
        for (ScoreDoc doc : top.scoreDocs) {
            hits.add(hit(searcher.getIndexReader(), stored, doc.doc, null));
        }
        return hits;
    }

    @Override
    public List<Map<String, Object>> alert(String id) throws IOException {
        IndexSearcher searcher = acquireAlerts();
        try {
            return searcher == null ? List.of() : alert(searcher, id);
        } finally {
            release(searcher);
        }
    }

    private static List<Map<String, Object>> alert(IndexSearcher searcher, String id) throws IOException {
        TopFieldDocs top = searcher.search(new TermQuery(new Term(AlertFields.ID, id)), 1000,
                new Sort(new SortField(AlertFields.TIME, SortField.Type.LONG)));
        StoredFields stored = searcher.storedFields();
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (ScoreDoc doc : top.scoreDocs) {
            alerts.add(FlowDocuments.JSON.readValue(stored.document(doc.doc).getBinaryValue(IndexSchema.SOURCE).bytes, MAP));
        }
        return alerts;
    }

    /**
     * The newest alerts first (each as indexed: its JSON fields), at most {@code limit}, only of this
     * severity, category and device where they are given (null: any).
     */
    public List<Map<String, Object>> alerts(String severity, String category, int limit) throws IOException {
        return alerts(severity, category, null, limit);
    }

    public List<Map<String, Object>> alerts(String severity, String category, String device, int limit) throws IOException {
        if (limit <= 0) {
            return List.of();
        }
        IndexSearcher searcher = acquireAlerts();
        try {
            return searcher == null ? List.of() : alerts(searcher, alertQuery(severity, category, device), limit);
        } finally {
            release(searcher);
        }
    }

    private static List<Map<String, Object>> alerts(IndexSearcher searcher, Query query, int limit) throws IOException {
        TopFieldDocs top = searcher.search(query, limit,
                new Sort(new SortField(AlertFields.TIME, SortField.Type.LONG, true)));
        StoredFields stored = searcher.storedFields();
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (ScoreDoc doc : top.scoreDocs) {
            alerts.add(FlowDocuments.JSON.readValue(stored.document(doc.doc).getBinaryValue(IndexSchema.SOURCE).bytes, MAP));
        }
        return alerts;
    }

    /** How many alerts there are, of this device where it is given (null: all). */
    public int alertCount(String device) throws IOException {
        IndexSearcher searcher = acquireAlerts();
        try {
            return searcher == null ? 0 : searcher.count(alertQuery(null, null, device));
        } finally {
            release(searcher);
        }
    }

    private static Query alertQuery(String severity, String category, String device) {
        BooleanQuery.Builder query = new BooleanQuery.Builder().add(new TermQuery(new Term(AlertFields.KIND, "alert")), Occur.FILTER);
        if (severity != null) {
            query.add(new TermQuery(new Term(AlertFields.SEVERITY, severity)), Occur.FILTER);
        }
        if (category != null) {
            query.add(new TermQuery(new Term(AlertFields.CATEGORY, category)), Occur.FILTER);
        }
        if (device != null) {
            query.add(new TermQuery(new Term(AlertFields.DEVICE, device)), Occur.FILTER);
        }
        return query.build();
    }

    /** The flows of the alerts an {@code alert:} term names by id, category, detector or severity. */
    private Set<Long> flowsOfAlerts(String value) throws IOException {
        IndexSearcher searcher = acquireAlerts();
        try {
            return searcher == null ? Set.of() : flowsOfAlerts(searcher, value);
        } finally {
            release(searcher);
        }
    }

    private static Set<Long> flowsOfAlerts(IndexSearcher searcher, String value) throws IOException {
        boolean wildcard = value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String field : List.of(AlertFields.ID, AlertFields.CATEGORY, AlertFields.DETECTOR, AlertFields.SEVERITY)) {
            Term term = new Term(field, value);
            try {
                any.add(wildcard ? new WildcardQuery(term) : new TermQuery(term), Occur.SHOULD);
            } catch (org.apache.lucene.util.automaton.TooComplexToDeterminizeException e) {
                throw new IllegalArgumentException("the wildcard pattern is too complex; use fewer * and ?");
            }
        }
        Set<Long> flowIds = new HashSet<>();
        forEachValue(searcher.search(any.build(), new FacetsCollectorManager()), AlertFields.FLOW, flowIds::add);
        return flowIds;
    }

    /**
     * The flow searcher of this moment with a reference taken, so that a refresh replacing it meanwhile
     * does not close its readers under a running search; {@link #release} gives the reference back.
     */
    private IndexSearcher acquireFlows() throws IOException {
        while (true) {
            IndexSearcher searcher = flows;
            if (searcher == null) {
                throw new IOException("the flow index is closed");
            }
            if (searcher.getIndexReader().tryIncRef()) {
                return searcher;
            }
        }
    }

    /** The alert searcher with a reference taken, or null when there is no alert index yet. */
    private IndexSearcher acquireAlerts() {
        while (true) {
            IndexSearcher searcher = alertSearcher;
            if (searcher == null || searcher.getIndexReader().tryIncRef()) {
                return searcher;
            }
        }
    }

    private static void release(IndexSearcher searcher) throws IOException {
        if (searcher != null) {
            searcher.getIndexReader().decRef();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        IndexSearcher last = flows;
        flows = null;
        release(last);
        for (DirectoryReader reader : days.values()) {
            reader.close();
        }
        days.clear();
        alertSearcher = null;
        if (alerts != null) {
            alerts.close();
        }
    }
}
