package io.telltale.analysis.dissect.dns;

import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.util.List;

/** The fields of DNS records. */
public final class DnsFields {

    public static final FieldSpec QUERY = new FieldSpec("dns.query", FieldType.NAME, "the name asked for");
    public static final FieldSpec QTYPE = new FieldSpec("dns.qtype", FieldType.COUNT, "the record type asked for (1 = A, 28 = AAAA ...)");
    public static final FieldSpec QCLASS = new FieldSpec("dns.qclass", FieldType.COUNT, "the class asked for (1 = IN)");
    public static final FieldSpec RCODE = new FieldSpec("dns.rcode", FieldType.COUNT, "response code (0 = NOERROR, 3 = NXDOMAIN ...)");
    public static final FieldSpec TRANS_ID = new FieldSpec("dns.trans_id", FieldType.COUNT, "transaction id pairing query and response");
    public static final FieldSpec RTT = new FieldSpec("dns.rtt", FieldType.INTERVAL, "time from query to the answering response");
    public static final FieldSpec ANSWERS = new FieldSpec("dns.answers", FieldType.TEXT_LIST, "answer-section data: addresses, names, TXT strings");
    public static final FieldSpec TTLS = new FieldSpec("dns.ttls", FieldType.COUNT_LIST, "time to live of each answer, in seconds");
    public static final FieldSpec REJECTED = new FieldSpec("dns.rejected", FieldType.BOOLEAN, "the server refused the query");

    public static final List<FieldSpec> ALL = List.of(QUERY, QTYPE, QCLASS, RCODE, TRANS_ID, RTT, ANSWERS, TTLS, REJECTED);

    private DnsFields() {
    }
}
