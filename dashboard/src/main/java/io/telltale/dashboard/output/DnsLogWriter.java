package io.telltale.dashboard.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.capture.flow.FlowIds;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Writes DNS transactions as Zeek's dns.log (TSV) or its JSON form, joined to conn.log by uid. */
public abstract sealed class DnsLogWriter implements Closeable {

    static final List<String> FIELDS = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto",
            "trans_id", "rtt", "query", "qclass", "qclass_name", "qtype", "qtype_name", "rcode", "rcode_name", "AA", "TC",
            "RD", "RA", "Z", "answers", "TTLs", "rejected", "opcode", "opcode_name");
    static final List<String> TYPES = List.of("time", "string", "addr", "port", "addr", "port", "enum", "count",
            "interval", "string", "count", "string", "count", "string", "count", "string", "bool", "bool", "bool", "bool",
            "count", "vector[string]", "vector[interval]", "bool", "count", "string");

    public abstract void write(DnsRecord r) throws IOException;

    public static DnsLogWriter zeek(Path path, Clock clock) throws IOException {
        return new Tsv(path, clock);
    }

    public static DnsLogWriter jsonLines(Path path) throws IOException {
        return new Json(path);
    }

    static String opcodeName(int opcode) {
        return switch (opcode) {
            case 0 -> "query";
            case 1 -> "iquery";
            case 2 -> "status";
            case 4 -> "notify";
            case 5 -> "update";
            default -> "opcode-" + opcode;
        };
    }

    private static final class Tsv extends DnsLogWriter {
        private final ZeekLogWriter log;

        Tsv(Path path, Clock clock) throws IOException {
            this.log = new ZeekLogWriter(path, "dns", FIELDS, TYPES, clock);
        }

        @Override
        public void write(DnsRecord r) throws IOException {
            StringBuilder row = log.row();
            row.append(ZeekText.seconds(r.timestampNanos())).append('\t');
            FlowIds.appendUid(row, r.flowId()).append('\t')
                    .append(r.originatorHost()).append('\t').append(r.originatorPort()).append('\t')
                    .append(r.responderHost()).append('\t').append(r.responderPort()).append('\t')
                    .append(r.tcp() ? "tcp" : "udp").append('\t')
                    .append(r.transactionId()).append('\t')
                    .append(r.rttNanos() < 0 ? "-" : ZeekText.interval(0, r.rttNanos())).append('\t')
                    .append(r.query() == null ? "-" : ZeekText.tsvString(r.query())).append('\t')
                    .append(r.queryClass() < 0 ? "-" : Integer.toString(r.queryClass())).append('\t')
                    .append(r.queryClass() < 0 ? "-" : DnsNamesText.qclass(r.queryClass())).append('\t')
                    .append(r.queryType() < 0 ? "-" : Integer.toString(r.queryType())).append('\t')
                    .append(r.queryType() < 0 ? "-" : DnsNamesText.qtype(r.queryType())).append('\t')
                    .append(r.rcode() < 0 ? "-" : Integer.toString(r.rcode())).append('\t')
                    .append(r.rcode() < 0 ? "-" : DnsNamesText.rcode(r.rcode())).append('\t')
                    .append(bool(r.authoritative())).append('\t').append(bool(r.truncated())).append('\t')
                    .append(bool(r.recursionDesired())).append('\t').append(bool(r.recursionAvailable())).append('\t')
                    .append(r.z()).append('\t');
            if (r.answers().isEmpty()) {
                row.append("-\t-\t");
            } else {
                for (int i = 0; i < r.answers().size(); i++) {
                    row.append(i == 0 ? "" : ",").append(ZeekText.tsvSetElement(r.answers().get(i)));
                }
                row.append('\t');
                for (int i = 0; i < r.ttlSeconds().size(); i++) {
                    row.append(i == 0 ? "" : ",").append(r.ttlSeconds().get(i)).append(".000000");
                }
                row.append('\t');
            }
            row.append(bool(r.rejected())).append('\t').append(r.opcode()).append('\t').append(opcodeName(r.opcode()));
            log.endRow();
        }

        private static String bool(boolean b) {
            return b ? "T" : "F";
        }

        @Override
        public void close() throws IOException {
            log.close();
        }
    }

    private static final class Json extends DnsLogWriter {
        private final JsonGenerator json;

        Json(Path path) throws IOException {
            this.json = new JsonFactory().createGenerator(path.toFile(), JsonEncoding.UTF8);
            json.setRootValueSeparator(new SerializedString("\n"));
        }

        @Override
        public void write(DnsRecord r) throws IOException {
            json.writeStartObject();
            json.writeFieldName("ts");
            json.writeNumber(ZeekText.seconds(r.timestampNanos()));
            json.writeStringField("uid", FlowIds.uid(r.flowId()));
            json.writeStringField("id.orig_h", r.originatorHost());
            json.writeNumberField("id.orig_p", r.originatorPort());
            json.writeStringField("id.resp_h", r.responderHost());
            json.writeNumberField("id.resp_p", r.responderPort());
            json.writeStringField("proto", r.tcp() ? "tcp" : "udp");
            json.writeNumberField("trans_id", r.transactionId());
            if (r.rttNanos() >= 0) {
                json.writeFieldName("rtt");
                json.writeNumber(ZeekText.interval(0, r.rttNanos()));
            }
            if (r.query() != null) {
                json.writeStringField("query", r.query());
            }
            if (r.queryClass() >= 0) {
                json.writeNumberField("qclass", r.queryClass());
                json.writeStringField("qclass_name", DnsNamesText.qclass(r.queryClass()));
            }
            if (r.queryType() >= 0) {
                json.writeNumberField("qtype", r.queryType());
                json.writeStringField("qtype_name", DnsNamesText.qtype(r.queryType()));
            }
            if (r.rcode() >= 0) {
                json.writeNumberField("rcode", r.rcode());
                json.writeStringField("rcode_name", DnsNamesText.rcode(r.rcode()));
            }
            json.writeBooleanField("AA", r.authoritative());
            json.writeBooleanField("TC", r.truncated());
            json.writeBooleanField("RD", r.recursionDesired());
            json.writeBooleanField("RA", r.recursionAvailable());
            json.writeNumberField("Z", r.z());
            if (!r.answers().isEmpty()) {
                json.writeArrayFieldStart("answers");
                for (String answer : r.answers()) {
                    json.writeString(answer);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("TTLs");
                for (Long ttl : r.ttlSeconds()) {
                    json.writeNumber(ttl.doubleValue());
                }
                json.writeEndArray();
            }
            json.writeBooleanField("rejected", r.rejected());
            json.writeNumberField("opcode", r.opcode());
            json.writeStringField("opcode_name", opcodeName(r.opcode()));
            json.writeEndObject();
        }

        @Override
        public void close() throws IOException {
            json.writeRaw('\n');
            json.close();
        }
    }
}
