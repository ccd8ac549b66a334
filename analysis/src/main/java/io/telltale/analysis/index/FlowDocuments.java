package io.telltale.analysis.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.capture.flow.FlowIds;
import io.telltale.capture.flow.FlowRecord;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.BinaryPoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a flow record and the protocol records of its flow into one Lucene document, as
 * {@link IndexSchema} maps each field, and into the source that search results show ({@link SourceCodec},
 * in binary doc values). Runs on the indexing thread only: it reuses its buffers from one document to
 * the next (not thread-safe).
 */
public final class FlowDocuments {

    /** What the index adds to a flow from outside the packets: where its addresses are, whose they are. */
    public interface Enrichment {
        /** ISO country of a public address, or null. */
        String country(String address);

        /** Autonomous system of a public address, or -1. */
        long asn(String address);

        /** Policy groups the address belongs to (empty without a policy). */
        List<String> groups(String address);

        Enrichment NONE = new Enrichment() {
            @Override
            public String country(String address) {
                return null;
            }

            @Override
            public long asn(String address) {
                return -1;
            }

            @Override
            public List<String> groups(String address) {
                return List.of();
            }
        };
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The free-text field: one untokenized term per distinct word, no positions or frequencies (a word
     * is there or not). The words are cut and lower-cased here exactly as the query parser cuts a
     * free-text query, so no analyzer runs: StandardAnalyzer's tokenizer was a tenth of indexing.
     */
    static final FieldType WORDS = new FieldType();

    static {
        WORDS.setIndexOptions(IndexOptions.DOCS);
        WORDS.setTokenized(false);
        WORDS.setOmitNorms(true);
        WORDS.freeze();
    }

    private final IndexSchema schema;
    private final Enrichment enrichment;
    private final List<FieldSpec> fields;
    private final Map<Class<?>, List<Integer>> fieldsByRecordType = new HashMap<>();
    /** Values of the current document per field (by schema position), reused. */
    private final List<List<Object>> slots = new ArrayList<>();
    /**
     * The positions of the slots the current document filled, in schema order: a flow fills a dozen of
     * the schema's hundreds, and clearing and walking them all was a twentieth of indexing.
     */
    private int[] used = new int[64];
    private int usedCount;
    private final SourceCodec.Writer source = new SourceCodec.Writer();
    /** Each field's stored-source code, by schema position. */
    private final int[] codes;
    // the schema's answers per position, asked once: set lookups per value were 3 % of indexing
    private final boolean[] always;
    private final boolean[] facet;
    private final boolean[] fullText;
    private final boolean[] points;
    /** Whether a field's presence needs a term of its own ({@link IndexSchema.Presence#TERM}). */
    private final boolean[] presenceTerm;
    /** Set by {@link #add} when a value fell back to a keyword or to nothing: its presence needs the term. */
    private boolean fellBack;
    private static final int SEQUENCE_CODE = SourceCodec.code(IndexSchema.SEQUENCE_KEY);
    /** The document's free-text words, repeats mostly left out (see {@link #contains}). */
    private final List<String> text = new ArrayList<>();
    private final StringBuilder word = new StringBuilder(64);
    /** Each field's name as the term of the "present" field, encoded once (a UTF-8 conversion per field per flow was 5 %). */
    private final BytesRef[] presentTerms;
    private static final BytesRef TRUE = new BytesRef("true");
    private static final BytesRef FALSE = new BytesRef("false");
    /** The fields of the document being built, reused: a Document's own list grew three times per flow. */
    private final List<IndexableField> built = new ArrayList<>(64);
    /** The flow's own addresses as their points encode them (raw in the record: no text to parse back). */
    private long sourceHigh;
    private long sourceLow;
    private long destinationHigh;
    private long destinationLow;

    public FlowDocuments(IndexSchema schema, Enrichment enrichment) {
        this.schema = schema;
        this.enrichment = enrichment;
        this.fields = schema.fields();
        this.codes = new int[fields.size()];
        this.always = new boolean[fields.size()];
        this.facet = new boolean[fields.size()];
        this.fullText = new boolean[fields.size()];
        this.points = new boolean[fields.size()];
        this.presentTerms = new BytesRef[fields.size()];
        this.presenceTerm = new boolean[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            always[i] = schema.alwaysPresent(fields.get(i));
            facet[i] = schema.facet(fields.get(i));
            fullText[i] = schema.fullText(fields.get(i));
            points[i] = schema.points(fields.get(i));
            presentTerms[i] = new BytesRef(fields.get(i).name());
            presenceTerm[i] = schema.presence(fields.get(i)) == IndexSchema.Presence.TERM;
            codes[i] = SourceCodec.code(fields.get(i).name());
            if (codes[i] < 0) {
                throw new IllegalStateException("source-codes.txt lacks " + fields.get(i).name() + ": append it");
            }
            slots.add(new ArrayList<>(2));
            if (!FlowFields.ALL.contains(fields.get(i))) {
                fieldsByRecordType.computeIfAbsent(FieldReaders.recordType(fields.get(i)), t -> new ArrayList<>()).add(i);
            }
        }
    }

    /**
     * The document of a flow (or of the part of a long flow up to an interim record).
     *
     * @param sequence 0 for the first document of the flow, then one more per interim record before it
     * @param packets where the flow's packets are stored, or null
     */
    public Document document(FlowRecord flow, int sequence, List<ProtocolRecord> records, byte[] packets) {
        Document doc = new Document();
        fields(flow, sequence, records, packets).forEach(doc::add);
        return doc;
    }

    /**
     * The same document as its list of fields, for {@link org.apache.lucene.index.IndexWriter#addDocument}:
     * the list is reused by the next call, so it must be indexed before then.
     */
    public List<IndexableField> fields(FlowRecord flow, int sequence, List<ProtocolRecord> records, byte[] packets) {
        collect(flow, records);
        List<IndexableField> doc = built;
        doc.clear();
        doc.add(new LongPoint(IndexSchema.ID, flow.id()));
        doc.add(new NumericDocValuesField(IndexSchema.ID, flow.id()));
        doc.add(new NumericDocValuesField(IndexSchema.SEQUENCE, sequence));
        doc.add(new NumericDocValuesField(FlowFields.START.name(), flow.startNanos()));
        text.clear();
        source.reset();
        for (int u = 0; u < usedCount; u++) {
            int i = used[u];
            List<Object> values = slots.get(i);
            FieldSpec field = fields.get(i);
            fellBack = false;
            for (Object value : values) {
                add(doc, field, facet[i], points[i], value);
                if (fullText[i] && value instanceof String s) {
                    words(s, word, text);
                }
                if (field == FlowFields.SOURCE) {
                    source.address(codes[i], sourceHigh, sourceLow);
                } else if (field == FlowFields.DESTINATION) {
                    source.address(codes[i], destinationHigh, destinationLow);
                } else if (!SourceCodec.derived(codes[i])) {
                    source.value(codes[i], value);
                }
            }
            if (presenceTerm[i] || fellBack && !always[i]) {
                doc.add(new StringField(IndexSchema.PRESENT, presentTerms[i], Field.Store.NO));
            }
        }
        if (sequence > 0) {
            source.value(SEQUENCE_CODE, (long) sequence);
        }
        for (String w : text) {
            doc.add(new Field(IndexSchema.TEXT, w, WORDS));
        }
        doc.add(new BinaryDocValuesField(IndexSchema.SOURCE_VALUES, new BytesRef(source.toByteArray())));
        if (packets != null) {
            doc.add(new StoredField(IndexSchema.PACKETS, packets));
        }
        return doc;
    }

    /** The field values of a flow document, in schema order: what the source holds and a scan can check. */
    public Map<FieldSpec, Collection<Object>> values(FlowRecord flow, List<ProtocolRecord> records) {
        collect(flow, records);
        put(FlowFields.UID, flow.uid());
        Map<FieldSpec, Collection<Object>> values = new LinkedHashMap<>();
        for (int u = 0; u < usedCount; u++) {
            values.put(fields.get(used[u]), List.copyOf(slots.get(used[u])));
        }
        return values;
    }

    /** Fills the slots with the flow's values: the flow record's, its enrichment's, its records'. */
    private void collect(FlowRecord flow, List<ProtocolRecord> records) {
        for (int u = 0; u < usedCount; u++) {
            slots.get(used[u]).clear();
        }
        usedCount = 0;
        String source = flow.originatorHost();
        String destination = flow.responderHost();
        sourceHigh = flow.originatorHigh();
        sourceLow = flow.originatorLow();
        destinationHigh = flow.responderHigh();
        destinationLow = flow.responderLow();
        // the uid is neither indexed (its id's points find it) nor stored (search makes it from the stored id)
        put(FlowFields.START, flow.startNanos());
        long duration = Math.max(0, flow.durationNanos());
        put(FlowFields.END, flow.startNanos() + duration);
        put(FlowFields.DURATION, duration);
        put(FlowFields.SOURCE, source);
        put(FlowFields.DESTINATION, destination);
        if (flow.hasPorts()) {
            put(FlowFields.SOURCE_PORT, (long) flow.originatorPort());
            put(FlowFields.DESTINATION_PORT, (long) flow.responderPort());
        }
        put(FlowFields.TRANSPORT, flow.transport());
        if (flow.service() != null) {
            for (String service : flow.service().split(",")) {
                put(FlowFields.SERVICE, service);
            }
        }
        put(FlowFields.STATE, flow.connState());
        if (flow.history() != null && !flow.history().isEmpty()) {
            put(FlowFields.HISTORY, flow.history());
        }
        put(FlowFields.COMMUNITY_ID, flow.communityId());
        if (flow.vlan() >= 0) {
            put(FlowFields.VLAN, (long) flow.vlan());
        }
        put(FlowFields.INTERIM, flow.interim());
        if (flow.tunnelParentId() != 0) {
            put(FlowFields.TUNNEL_PARENT, FlowIds.uid(flow.tunnelParentId()));
        }
        put(FlowFields.BYTES_OUT, Math.max(0, flow.originatorBytes()));
        put(FlowFields.BYTES_IN, Math.max(0, flow.responderBytes()));
        put(FlowFields.PACKETS_OUT, flow.originatorPackets());
        put(FlowFields.PACKETS_IN, flow.responderPackets());
        if (flow.missedBytes() > 0) {
            put(FlowFields.MISSED_BYTES, flow.missedBytes());
        }
        put(FlowFields.SOURCE_COUNTRY, enrichment.country(source));
        put(FlowFields.DESTINATION_COUNTRY, enrichment.country(destination));
        long asn = enrichment.asn(source);
        put(FlowFields.SOURCE_ASN, asn >= 0 ? asn : null);
        asn = enrichment.asn(destination);
        put(FlowFields.DESTINATION_ASN, asn >= 0 ? asn : null);
        for (String group : enrichment.groups(source)) {
            put(FlowFields.SOURCE_DEVICE, group);
        }
        for (String group : enrichment.groups(destination)) {
            put(FlowFields.DESTINATION_DEVICE, group);
        }
        for (ProtocolRecord record : records) {
            List<Integer> carried = fieldsByRecordType.get(record.getClass());
            if (carried == null) {
                continue;
            }
            for (int index : carried) {
                FieldSpec field = fields.get(index);
                Object value = FieldReaders.read(field, record);
                if (value instanceof Collection<?> list) {
                    for (Object item : list) {
                        put(index, field, item);
                    }
                } else {
                    put(index, field, value);
                }
            }
        }
    }

    private void put(FieldSpec flowField, Object value) {
        put(schema.position(flowField), flowField, value);
    }

    private void put(int index, FieldSpec field, Object value) {
        if (value == null || value instanceof String s && s.isEmpty()) {
            return;
        }
        Object normal = normalise(field, value);
        List<Object> slot = slots.get(index);
        if (slot.isEmpty()) {
            use(index);
        } else if (slot.contains(normal)) {
            return;
        }
        slot.add(normal);
    }

    /** Notes a slot as filled, keeping the filled positions in schema order (records fill theirs out of order). */
    private void use(int index) {
        if (usedCount == used.length) {
            used = Arrays.copyOf(used, usedCount * 2);
        }
        int at = usedCount++;
        while (at > 0 && used[at - 1] > index) {
            used[at] = used[at - 1];
            at--;
        }
        used[at] = index;
    }

    /** Names in lower case, whole numbers as longs: the same form for indexing, scanning and showing. */
    static Object normalise(FieldSpec field, Object value) {
        return switch (field.type()) {
            case NAME -> value.toString().toLowerCase(Locale.ROOT);
            case COUNT, INTERVAL, COUNT_LIST -> value instanceof Number n ? (Object) n.longValue() : value.toString();
            case BOOLEAN -> value instanceof Boolean ? value : Boolean.parseBoolean(value.toString());
            default -> value.toString();
        };
    }

    private void add(List<IndexableField> doc, FieldSpec field, boolean facets, boolean point, Object value) {
        String name = field.name();
        switch (field.type()) {
            case ADDRESS -> {
                byte[] encoded = field == FlowFields.SOURCE ? encode(sourceHigh, sourceLow)
                        : field == FlowFields.DESTINATION ? encode(destinationHigh, destinationLow)
                        : IndexedAddresses.encode(value.toString());
                if (encoded != null) {
                    doc.add(new BinaryPoint(name, encoded)); // InetAddressPoint's own encoding: IPv4 mapped into 16 bytes
                    if (facets) {
                        doc.add(new SortedSetDocValuesField(name, new BytesRef(value.toString())));
                    }
                } else {
                    fellBack = true;
                }
            }
            case COUNT, INTERVAL, COUNT_LIST -> {
                if (value instanceof Long n) {
                    if (point) {
                        doc.add(new LongPoint(name, n));
                    }
                    if (facets || !point) {
                        doc.add(new SortedNumericDocValuesField(name, n));
                    }
                } else {
                    keyword(doc, field, facets, value.toString());
                    fellBack = true;
                }
            }
            case BOOLEAN -> doc.add(new StringField(name, Boolean.TRUE.equals(value) || "true".equals(value) ? TRUE : FALSE,
                    Field.Store.NO));
            default -> {
                if (field == FlowFields.COMMUNITY_ID) {
                    Long hash = IndexSchema.communityHash(value.toString());
                    if (hash != null) {
                        doc.add(new NumericDocValuesField(IndexSchema.COMMUNITY_HASH, hash));
                    } else {
                        keyword(doc, field, facets, value.toString());
                    }
                } else if (field != FlowFields.UID) { // looked up by its id's points
                    keyword(doc, field, facets, value.toString());
                }
            }
        }
    }

    /**
     * A keyword: with facets one {@link KeywordField} (the term and its doc value from one UTF-8
     * conversion, one field for the indexing chain), else a {@link StringField} of the same bytes.
     */
    /** An address as {@link InetAddressPoint} encodes it: 16 bytes, big-endian, IPv4 mapped (as the record keeps it). */
    static byte[] encode(long high, long low) {
        byte[] bytes = new byte[16];
        java.nio.ByteBuffer.wrap(bytes).putLong(high).putLong(low);
        return bytes;
    }

    private static void keyword(List<IndexableField> doc, FieldSpec field, boolean facets, String value) {
        BytesRef term = new BytesRef(IndexSchema.term(value));
        doc.add(facets ? new KeywordField(field.name(), term, Field.Store.NO) : new StringField(field.name(), term, Field.Store.NO));
    }

    /** The words a new word is checked against: the last few (Lucene counts a repeat once anyway). */
    static final int DEDUPE_WINDOW = 8;

    /**
     * True when the word is among the last {@link #DEDUPE_WINDOW} words: a name repeats its neighbours'
     * words ({@code www.example.com}, {@code mail.example.com}); checking them all was quadratic in a
     * long URI's words, a twentieth of indexing the benchmark capture.
     */
    private static boolean contains(List<String> words, CharSequence word) {
        for (int i = words.size() - 1, stop = Math.max(0, words.size() - DEDUPE_WINDOW); i >= stop; i--) {
            if (words.get(i).contentEquals(word)) {
                return true;
            }
        }
        return false;
    }

    /** The most characters of one value cut into words (a URI can be very long; its start says what it is). */
    static final int MAX_TEXT_CHARS = 2048;
    /** The longest word kept (longer runs are machine-made: hashes, base64; the keyword fields hold them whole). */
    static final int MAX_WORD_CHARS = 255;

    /**
     * A name or URI as words for the free-text field: runs of letters and digits, lower-cased char by
     * char as {@code FieldQueries} lower-cases a free-text query.
     */
    static void words(String value, StringBuilder word, List<String> out) {
        word.setLength(0);
        int end = Math.min(value.length(), MAX_TEXT_CHARS);
        for (int i = 0; i <= end; i++) {
            char c = i < end ? value.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                word.append(Character.toLowerCase(c));
            } else if (!word.isEmpty()) {
                if (word.length() <= MAX_WORD_CHARS && !contains(out, word)) {
                    out.add(word.toString());
                }
                word.setLength(0);
            }
        }
    }
}
