package io.telltale.analysis.index;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.dissect.http.HttpProtocol;
import io.telltale.analysis.field.FieldCatalog;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the flow index holds, derived from the field catalog and {@link FlowFields}: every field by its
 * catalog name, the aliases analysts type ({@code ip}, {@code port}, {@code host}, …), which fields
 * carry doc values for facet counts, and the internal fields (id, sort keys, stored source).
 *
 * <p>How a field is indexed follows its {@link FieldType}: addresses as {@code InetAddressPoint}s,
 * counts and intervals as {@code LongPoint}s, names lower-cased keywords, texts exact keywords,
 * booleans {@code true}/{@code false}. The HTTP raw buffers (headers and bodies, kept for the rules)
 * are not indexed; their words reach the free-text field only through the URI and user agent.
 */
public final class IndexSchema {

    /** The flow's numeric id (doc values and points): the alerts' evidence and the sort's tie-break. */
    public static final String ID = "flow.id";
    /** 0 for a flow's first document, then 1, 2, … for the records after each interim one. */
    public static final String SEQUENCE = "flow.seq";
    /** Keys of the source that are not fields: the numeric id and the sequence (hidden from hits). */
    public static final String ID_KEY = "_id";
    public static final String SEQUENCE_KEY = "_seq";
    /**
     * The stored source: an alert's or an asset change's JSON, and a flow document's coded source
     * ({@code SourceCodec}) in documents written before {@link #SOURCE_VALUES}.
     */
    public static final String SOURCE = "_source";
    /**
     * A flow document's source since it moved to binary doc values: the stored fields compressed every
     * source at each flush, a seventh of indexing, for some 60 bytes a flow. (Flow documents written
     * before hold it in the stored field {@link #SOURCE}; alerts and asset changes still do.)
     */
    public static final String SOURCE_VALUES = "_src";
    /** Names of the fields a document holds, for {@code exists:}. */
    public static final String PRESENT = "_fields";
    /** Words of names, URIs, user agents and certificate names, for terms typed without a field. */
    public static final String TEXT = "text";
    /**
     * The flow's Community ID as the first 64 bits of its hash, doc values only ({@link #communityHash}).
     * As a keyword it was a unique term per flow, the dearest field to index (a twelfth of the CPU);
     * analysts look one up now and then, which a scan of these longs answers in about a tenth of a
     * second over 10 M flows (bench/index.sh), sooner beside a time range or an address. (Indices
     * written before keep the keyword, and the query asks for both.)
     */
    public static final String COMMUNITY_HASH = "_community";
    /** Where the flow's packets are in the packet store (binary, see {@code PacketLocations}). */
    public static final String PACKETS = "_packets";

    /** Longest keyword indexed; longer wire strings are cut (Lucene refuses terms over 32 KiB). */
    public static final int MAX_KEYWORD_CHARS = 512;

    /** A keyword as the index holds it: cut at {@link #MAX_KEYWORD_CHARS}, for documents and queries alike. */
    public static String term(String value) {
        return value.length() > MAX_KEYWORD_CHARS ? value.substring(0, MAX_KEYWORD_CHARS) : value;
    }

    /**
     * The first 64 bits of a Community ID v1's hash ({@code 1:} and the Base64 of 20 bytes), or null for
     * text that is not one.
     */
    public static Long communityHash(String communityId) {
        if (communityId == null || !communityId.startsWith("1:") || communityId.length() != 30) {
            return null;
        }
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(communityId.substring(2));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return hash.length == 20 ? ByteBuffer.wrap(hash).getLong() : null;
    }

    private static final Set<FieldSpec> RAW_BUFFERS = Set.of(HttpProtocol.REQUEST_HEADERS, HttpProtocol.RESPONSE_HEADERS,
            HttpProtocol.REQUEST_BODY_DATA, HttpProtocol.RESPONSE_BODY_DATA, HttpProtocol.REQUEST_LINE);

    private static final Set<FieldSpec> FACETS = Set.of(FlowFields.DESTINATION, FlowFields.SOURCE, FlowFields.DESTINATION_PORT,
            FlowFields.DESTINATION_COUNTRY, FlowFields.SERVICE, FlowFields.TRANSPORT, FlowFields.SOURCE_DEVICE,
            FlowFields.DESTINATION_DEVICE, FlowFields.DESTINATION_ASN);

    private static final IndexSchema STANDARD = new IndexSchema(FieldCatalog.of(BuiltInProtocols.ALL).fields());

    /** Fields every flow document holds: {@code exists:} on them matches all, and they need no entry in {@link #PRESENT}. */
    private static final Set<FieldSpec> ALWAYS = Set.of(FlowFields.UID, FlowFields.START, FlowFields.END, FlowFields.DURATION,
            FlowFields.SOURCE, FlowFields.DESTINATION, FlowFields.TRANSPORT, FlowFields.STATE, FlowFields.COMMUNITY_ID,
            FlowFields.INTERIM, FlowFields.BYTES_OUT, FlowFields.BYTES_IN, FlowFields.PACKETS_OUT, FlowFields.PACKETS_IN);

    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
    private final Map<FieldSpec, Integer> positions = new HashMap<>();
    private final List<FieldSpec> protocolFields = new ArrayList<>();
    private final Map<String, List<FieldSpec>> aliases = new LinkedHashMap<>();
    private final Set<FieldSpec> facets;

    private IndexSchema(List<FieldSpec> catalog) {
        for (FieldSpec field : FlowFields.ALL) {
            fields.put(field.name(), field);
        }
        for (FieldSpec field : catalog) {
            if (!RAW_BUFFERS.contains(field)) {
                if (fields.putIfAbsent(field.name(), field) != null) {
                    throw new IllegalArgumentException("a protocol field takes a flow field's name: " + field.name());
                }
                protocolFields.add(field);
            }
        }
        for (FieldSpec field : fields.values()) {
            positions.put(field, positions.size());
        }
        facets = new LinkedHashSet<>(FACETS);
        facets.add(field("tls.ja4"));
        facets.add(field("tls.sni"));
        facets.add(field("dns.query"));
        facets.add(field("http.host"));
        alias("ip", FlowFields.SOURCE, FlowFields.DESTINATION);
        alias("port", FlowFields.SOURCE_PORT, FlowFields.DESTINATION_PORT);
        alias("country", FlowFields.SOURCE_COUNTRY, FlowFields.DESTINATION_COUNTRY);
        alias("asn", FlowFields.SOURCE_ASN, FlowFields.DESTINATION_ASN);
        alias("device", FlowFields.SOURCE_DEVICE, FlowFields.DESTINATION_DEVICE);
        alias("host", protocolFields.stream().filter(f -> f.type() == FieldType.NAME).toArray(FieldSpec[]::new));
        alias("uid", FlowFields.UID);
        alias("proto", FlowFields.TRANSPORT);
        alias("service", FlowFields.SERVICE);
        alias("state", FlowFields.STATE);
        alias("duration", FlowFields.DURATION);
        alias("start", FlowFields.START);
        alias("end", FlowFields.END);
        alias("vlan", FlowFields.VLAN);
        alias("community_id", FlowFields.COMMUNITY_ID);
    }

    private void alias(String name, FieldSpec... targets) {
        aliases.put(name, List.of(targets));
    }

    /** The schema of the built-in protocols. */
    public static IndexSchema standard() {
        return STANDARD;
    }

    /** The field of that catalog name, or null. */
    public FieldSpec field(String name) {
        return fields.get(name);
    }

    /** Every indexed field: the flow's first, then the protocols'. */
    public List<FieldSpec> fields() {
        return List.copyOf(fields.values());
    }

    /** The fields a name stands for: itself, or an alias's fields; empty when unknown. */
    public List<FieldSpec> resolve(String name) {
        FieldSpec field = fields.get(name);
        if (field != null) {
            return List.of(field);
        }
        return aliases.getOrDefault(name, List.of());
    }

    public Map<String, List<FieldSpec>> aliases() {
        return Collections.unmodifiableMap(aliases);
    }

    /** The field's place in {@link #fields()}. */
    public int position(FieldSpec field) {
        return positions.get(field);
    }

    /** True for the fields every flow document holds. */
    public boolean alwaysPresent(FieldSpec field) {
        return ALWAYS.contains(field);
    }

    /** Where a document shows that it has a field, for {@code exists:} and {@code field:*}. */
    public enum Presence {
        /** Every document has it. */
        ALWAYS,
        /** Its doc values (a facet, or a number without points). */
        DOC_VALUES,
        /** Its points. */
        POINTS,
        /** A term of its name in the {@link #PRESENT} field: nothing else would tell. */
        TERM
    }

    /**
     * How a field's presence is told. Only fields with neither doc values nor points get a term in the
     * present field: a term per field per flow was a seventh of indexing, for what the doc values and
     * points already say. (A value that cannot take the field's type, as a count that is not a number, is
     * indexed as a keyword and gets the term too; queries also look for it.)
     */
    public Presence presence(FieldSpec field) {
        if (alwaysPresent(field)) {
            return Presence.ALWAYS;
        }
        return switch (field.type()) {
            case ADDRESS -> facet(field) ? Presence.DOC_VALUES : Presence.POINTS;
            case COUNT, INTERVAL, COUNT_LIST -> facet(field) || !points(field) ? Presence.DOC_VALUES : Presence.POINTS;
            case NAME, TEXT, TEXT_LIST -> facet(field) ? Presence.DOC_VALUES : Presence.TERM;
            case BOOLEAN -> Presence.TERM;
        };
    }

    /**
     * True for numeric fields indexed as points (a BKD tree each, built at every flush: a fifth of the
     * indexing cost). The flow's own numbers have them but its packet counts; the protocols' counts
     * (DNS ids, types and TTLs, HTTP lengths, NTP modes, ...) are doc values only, which a query scans —
     * tens of milliseconds alone over 10 M flows, nothing beside a selective term.
     */
    public boolean points(FieldSpec field) {
        return FlowFields.ALL.contains(field) && field != FlowFields.PACKETS_OUT && field != FlowFields.PACKETS_IN;
    }

    /** True for fields with doc values for facet counts. */
    public boolean facet(FieldSpec field) {
        return facets.contains(field);
    }

    public List<FieldSpec> facets() {
        return List.copyOf(facets);
    }

    /** Fields whose words also go to the free-text field. */
    public boolean fullText(FieldSpec field) {
        return field.type() == FieldType.NAME && !FlowFields.ALL.contains(field) || field == HttpProtocol.URI
                || field == HttpProtocol.USER_AGENT || field.name().equals("tls.cert_subject")
                || field.name().equals("tls.cert_issuer");
    }
}
