package io.telltale.analysis.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.capture.flow.FlowIds;
import io.telltale.capture.flow.FlowRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a flow record and the protocol records of its flow into one Lucene document, as
 * {@link IndexSchema} maps each field. Runs on the indexing thread, never on a capture thread.
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

    private final IndexSchema schema;
    private final Enrichment enrichment;

    public FlowDocuments(IndexSchema schema, Enrichment enrichment) {
        this.schema = schema;
        this.enrichment = enrichment;
    }

    /**
     * The document of a flow (or of the part of a long flow up to an interim record).
     *
     * @param sequence 0 for the first document of the flow, then one more per interim record before it
     * @param packets where the flow's packets are stored, or null
     */
    public Document document(FlowRecord flow, int sequence, List<ProtocolRecord> records, byte[] packets) {
        Map<FieldSpec, Collection<Object>> values = values(flow, records);
        Document doc = new Document();
        doc.add(new LongPoint(IndexSchema.ID, flow.id()));
        doc.add(new NumericDocValuesField(IndexSchema.ID, flow.id()));
        doc.add(new NumericDocValuesField(IndexSchema.SEQUENCE, sequence));
        doc.add(new NumericDocValuesField(FlowFields.START.name(), flow.startNanos()));
        StringBuilder text = new StringBuilder();
        Map<String, Object> source = new LinkedHashMap<>();
        for (Map.Entry<FieldSpec, Collection<Object>> entry : values.entrySet()) {
            FieldSpec field = entry.getKey();
            Collection<Object> fieldValues = entry.getValue();
            doc.add(new StringField(IndexSchema.PRESENT, field.name(), Field.Store.NO));
            for (Object value : fieldValues) {
                add(doc, field, value);
                if (schema.fullText(field) && value instanceof String s) {
                    text.append(words(s)).append(' ');
                }
            }
            source.put(field.name(), fieldValues.size() == 1 && !field.type().name().endsWith("_LIST")
                    ? fieldValues.iterator().next() : List.copyOf(fieldValues));
        }
        source.put(IndexSchema.ID_KEY, flow.id());
        if (sequence > 0) {
            source.put(IndexSchema.SEQUENCE_KEY, sequence);
        }
        if (!text.isEmpty()) {
            doc.add(new TextField(IndexSchema.TEXT, text.toString(), Field.Store.NO));
        }
        try {
            doc.add(new StoredField(IndexSchema.SOURCE, JSON.writeValueAsBytes(source)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (packets != null) {
            doc.add(new StoredField(IndexSchema.PACKETS, packets));
        }
        return doc;
    }

    /** The field values of a flow document, in schema order; what the source holds and a scan can check. */
    public Map<FieldSpec, Collection<Object>> values(FlowRecord flow, List<ProtocolRecord> records) {
        Map<FieldSpec, Collection<Object>> values = new LinkedHashMap<>();
        String source = flow.originatorHost();
        String destination = flow.responderHost();
        put(values, FlowFields.UID, flow.uid());
        put(values, FlowFields.START, flow.startNanos());
        long duration = Math.max(0, flow.durationNanos());
        put(values, FlowFields.END, flow.startNanos() + duration);
        put(values, FlowFields.DURATION, duration);
        put(values, FlowFields.SOURCE, source);
        put(values, FlowFields.DESTINATION, destination);
        if (flow.hasPorts()) {
            put(values, FlowFields.SOURCE_PORT, (long) flow.originatorPort());
            put(values, FlowFields.DESTINATION_PORT, (long) flow.responderPort());
        }
        put(values, FlowFields.TRANSPORT, flow.transport());
        if (flow.service() != null) {
            for (String service : flow.service().split(",")) {
                put(values, FlowFields.SERVICE, service);
            }
        }
        put(values, FlowFields.STATE, flow.connState());
        if (flow.history() != null && !flow.history().isEmpty()) {
            put(values, FlowFields.HISTORY, flow.history());
        }
        put(values, FlowFields.COMMUNITY_ID, flow.communityId());
        if (flow.vlan() >= 0) {
            put(values, FlowFields.VLAN, (long) flow.vlan());
        }
        put(values, FlowFields.INTERIM, flow.interim());
        if (flow.tunnelParentId() != 0) {
            put(values, FlowFields.TUNNEL_PARENT, FlowIds.uid(flow.tunnelParentId()));
        }
        put(values, FlowFields.BYTES_OUT, Math.max(0, flow.originatorBytes()));
        put(values, FlowFields.BYTES_IN, Math.max(0, flow.responderBytes()));
        put(values, FlowFields.PACKETS_OUT, flow.originatorPackets());
        put(values, FlowFields.PACKETS_IN, flow.responderPackets());
        if (flow.missedBytes() > 0) {
            put(values, FlowFields.MISSED_BYTES, flow.missedBytes());
        }
        put(values, FlowFields.SOURCE_COUNTRY, enrichment.country(source));
        put(values, FlowFields.DESTINATION_COUNTRY, enrichment.country(destination));
        long asn = enrichment.asn(source);
        put(values, FlowFields.SOURCE_ASN, asn >= 0 ? asn : null);
        asn = enrichment.asn(destination);
        put(values, FlowFields.DESTINATION_ASN, asn >= 0 ? asn : null);
        for (String group : enrichment.groups(source)) {
            put(values, FlowFields.SOURCE_DEVICE, group);
        }
        for (String group : enrichment.groups(destination)) {
            put(values, FlowFields.DESTINATION_DEVICE, group);
        }
        for (ProtocolRecord record : records) {
            for (FieldSpec field : schema.protocolFields()) {
                Object value = FieldReaders.read(field, record);
                if (value instanceof Collection<?> list) {
                    for (Object item : list) {
                        put(values, field, item);
                    }
                } else {
                    put(values, field, value);
                }
            }
        }
        return values;
    }

    private static void put(Map<FieldSpec, Collection<Object>> values, FieldSpec field, Object value) {
        if (value == null || value instanceof String s && s.isEmpty()) {
            return;
        }
        values.computeIfAbsent(field, f -> new LinkedHashSet<>()).add(normalise(field, value));
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

    private void add(Document doc, FieldSpec field, Object value) {
        String name = field.name();
        switch (field.type()) {
            case ADDRESS -> {
                InetAddress address = IndexedAddresses.parse(value.toString());
                if (address != null) {
                    doc.add(new InetAddressPoint(name, address));
                    if (schema.facet(field)) {
                        doc.add(new SortedSetDocValuesField(name, new BytesRef(value.toString())));
                    }
                }
            }
            case COUNT, INTERVAL, COUNT_LIST -> {
                if (value instanceof Long n) {
                    doc.add(new LongPoint(name, n));
                    if (schema.facet(field)) {
                        doc.add(new SortedNumericDocValuesField(name, n));
                    }
                } else {
                    keyword(doc, field, value.toString());
                }
            }
            case BOOLEAN -> doc.add(new StringField(name, value.toString(), Field.Store.NO));
            default -> keyword(doc, field, value.toString());
        }
    }

    private void keyword(Document doc, FieldSpec field, String value) {
        String term = value.length() > IndexSchema.MAX_KEYWORD_CHARS ? value.substring(0, IndexSchema.MAX_KEYWORD_CHARS) : value;
        doc.add(new StringField(field.name(), term, Field.Store.NO));
        if (schema.facet(field)) {
            doc.add(new SortedSetDocValuesField(field.name(), new BytesRef(term)));
        }
    }

    /** A name or URI as words for the free-text field: separators become spaces. */
    static String words(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length() && i < 2048; i++) {
            char c = value.charAt(i);
            out.append(Character.isLetterOrDigit(c) ? c : ' ');
        }
        return out.toString();
    }
}
