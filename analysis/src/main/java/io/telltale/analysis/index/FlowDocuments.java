package io.telltale.analysis.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.capture.flow.FlowIds;
import io.telltale.capture.flow.FlowRecord;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.Document;
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
import org.apache.lucene.util.BytesRef;

/**
 * Turns a flow record and the protocol records of its flow into one Lucene document, as
 * {@link IndexSchema} maps each field, and into the stored source that search results show ({@link SourceCodec}). Runs on the
 * indexing thread only: it reuses its buffers from one document to the next (not thread-safe).
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

    /** The free-text field: words only, no positions or frequencies (a word is there or not). */
    static final FieldType WORDS = new FieldType();

    static {
        WORDS.setIndexOptions(IndexOptions.DOCS);
        WORDS.setTokenized(true);
        WORDS.setOmitNorms(true);
        WORDS.freeze();
    }

    private final IndexSchema schema;
    private final Enrichment enrichment;
    private final List<FieldSpec> fields;
    private final Map<Class<?>, List<Integer>> fieldsByRecordType = new HashMap<>();
    /** Values of the current document per field (by schema position), reused. */
    private final List<List<Object>> slots = new ArrayList<>();
    private final SourceCodec.Writer source = new SourceCodec.Writer();
    /** Each field's stored-source code, by schema position. */
    private final int[] codes;
    // the schema's answers per position, asked once: set lookups per value were 3 % of indexing
    private final boolean[] always;
    private final boolean[] facet;
    private final boolean[] fullText;
    private final boolean[] points;
    private static final int ID_CODE = SourceCodec.code(IndexSchema.ID_KEY);
    private static final int SEQUENCE_CODE = SourceCodec.code(IndexSchema.SEQUENCE_KEY);
    private final StringBuilder text = new StringBuilder(256);

    public FlowDocuments(IndexSchema schema, Enrichment enrichment) {
        this.schema = schema;
        this.enrichment = enrichment;
        this.fields = schema.fields();
        this.codes = new int[fields.size()];
        this.always = new boolean[fields.size()];
        this.facet = new boolean[fields.size()];
        this.fullText = new boolean[fields.size()];
        this.points = new boolean[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            always[i] = schema.alwaysPresent(fields.get(i));
            facet[i] = schema.facet(fields.get(i));
            fullText[i] = schema.fullText(fields.get(i));
            points[i] = schema.points(fields.get(i));
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
        collect(flow, records);
        Document doc = new Document();
        doc.add(new LongPoint(IndexSchema.ID, flow.id()));
        doc.add(new NumericDocValuesField(IndexSchema.ID, flow.id()));
        doc.add(new NumericDocValuesField(IndexSchema.SEQUENCE, sequence));
        doc.add(new NumericDocValuesField(FlowFields.START.name(), flow.startNanos()));
        text.setLength(0);
        source.reset();
        for (int i = 0; i < fields.size(); i++) {
            List<Object> values = slots.get(i);
            if (values.isEmpty()) {
                continue;
            }
            FieldSpec field = fields.get(i);
            if (!always[i]) {
                doc.add(new StringField(IndexSchema.PRESENT, field.name(), Field.Store.NO));
            }
            for (Object value : values) {
                add(doc, field, facet[i], points[i], value);
                if (fullText[i] && value instanceof String s) {
                    words(s, text);
                }
                source.value(codes[i], value);
            }
        }
        source.value(ID_CODE, flow.id());
        if (sequence > 0) {
            source.value(SEQUENCE_CODE, (long) sequence);
        }
        if (!text.isEmpty()) {
            doc.add(new Field(IndexSchema.TEXT, text.toString(), WORDS));
        }
        doc.add(new StoredField(IndexSchema.SOURCE, source.toByteArray()));
        if (packets != null) {
            doc.add(new StoredField(IndexSchema.PACKETS, packets));
        }
        return doc;
    }

    /** The field values of a flow document, in schema order: what the source holds and a scan can check. */
    public Map<FieldSpec, Collection<Object>> values(FlowRecord flow, List<ProtocolRecord> records) {
        collect(flow, records);
        Map<FieldSpec, Collection<Object>> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (!slots.get(i).isEmpty()) {
                values.put(fields.get(i), List.copyOf(slots.get(i)));
            }
        }
        return values;
    }

    /** Fills the slots with the flow's values: the flow record's, its enrichment's, its records'. */
    private void collect(FlowRecord flow, List<ProtocolRecord> records) {
        for (List<Object> slot : slots) {
            slot.clear();
        }
        String source = flow.originatorHost();
        String destination = flow.responderHost();
        put(FlowFields.UID, flow.uid());
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
        if (!slot.contains(normal)) {
            slot.add(normal);
        }
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

    private void add(Document doc, FieldSpec field, boolean facets, boolean point, Object value) {
        String name = field.name();
        switch (field.type()) {
            case ADDRESS -> {
                InetAddress address = IndexedAddresses.parse(value.toString());
                if (address != null) {
                    doc.add(new InetAddressPoint(name, address));
                    if (facets) {
                        doc.add(new SortedSetDocValuesField(name, new BytesRef(value.toString())));
                    }
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
                }
            }
            case BOOLEAN -> doc.add(new StringField(name, value.toString(), Field.Store.NO));
            default -> {
                if (field != FlowFields.UID) { // looked up by its id's points
                    keyword(doc, field, facets, value.toString());
                }
            }
        }
    }

    /**
     * A keyword: with facets one {@link KeywordField} (the term and its doc value from one UTF-8
     * conversion, one field for the indexing chain), else a {@link StringField} of the same bytes.
     */
    private static void keyword(Document doc, FieldSpec field, boolean facets, String value) {
        BytesRef term = new BytesRef(IndexSchema.term(value));
        doc.add(facets ? new KeywordField(field.name(), term, Field.Store.NO) : new StringField(field.name(), term, Field.Store.NO));
    }

    /** A name or URI as words for the free-text field: separators become spaces. */
    static void words(String value, StringBuilder out) {
        for (int i = 0; i < value.length() && i < 2048; i++) {
            char c = value.charAt(i);
            out.append(Character.isLetterOrDigit(c) ? c : ' ');
        }
        out.append(' ');
    }
}
