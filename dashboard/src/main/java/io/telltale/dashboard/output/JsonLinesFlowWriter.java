package io.telltale.dashboard.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.capture.flow.PayloadStats;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes flow records as JSON lines with the field names and value types of Zeek's JSON logs
 * ({@code LogAscii::use_json=T}): unset fields are left out, times are epoch seconds, booleans are
 * JSON booleans. Jackson does the escaping, so hostile strings stay inside their quotes.
 */
public final class JsonLinesFlowWriter implements FlowRecordWriter {

    private final boolean payloadStats;

    private final Path path;
    private final JsonGenerator json;
    private long written;

    public JsonLinesFlowWriter(Path path) throws IOException {
        this(path, false);
    }

    /** @param payloadStats add the payload statistics fields ({@code orig_entropy}, ...) */
    public JsonLinesFlowWriter(Path path, boolean payloadStats) throws IOException {
        this.path = path;
        this.payloadStats = payloadStats;
        JsonFactory factory = JsonFactory.builder().build();
        this.json = factory.createGenerator(path.toFile(), JsonEncoding.UTF8);
        json.setRootValueSeparator(new SerializedString("\n"));
    }

    @Override
    public void write(FlowRecord r) throws IOException {
        write(json, r, payloadStats);
        written++;
    }

    /** One flow record as one JSON object (conn.jsonl's line, a Kafka record's value). */
    static void write(JsonGenerator json, FlowRecord r, boolean payloadStats) throws IOException {
        json.writeStartObject();
        json.writeFieldName("ts");
        json.writeNumber(ZeekText.jsonDecimal(ZeekText.seconds(r.startNanos())));
        json.writeStringField("uid", r.uid());
        json.writeStringField("id.orig_h", r.originatorHost());
        json.writeNumberField("id.orig_p", r.originatorPort());
        json.writeStringField("id.resp_h", r.responderHost());
        json.writeNumberField("id.resp_p", r.responderPort());
        json.writeStringField("proto", r.transport());
        if (r.service() != null) {
            json.writeStringField("service", r.service());
        }
        if (r.durationNanos() >= 0) {
            json.writeFieldName("duration");
            json.writeNumber(ZeekText.jsonDecimal(ZeekText.interval(r.startNanos(), r.durationNanos())));
            json.writeNumberField("orig_bytes", r.originatorBytes());
            json.writeNumberField("resp_bytes", r.responderBytes());
        }
        json.writeStringField("conn_state", r.connState());
        if (r.localOriginator() != null) {
            json.writeBooleanField("local_orig", r.localOriginator());
            json.writeBooleanField("local_resp", r.localResponder());
        }
        json.writeNumberField("missed_bytes", r.missedBytes());
        if (!r.history().isEmpty()) {
            json.writeStringField("history", r.history());
        }
        json.writeNumberField("orig_pkts", r.originatorPackets());
        json.writeNumberField("orig_ip_bytes", r.originatorIpBytes());
        json.writeNumberField("resp_pkts", r.responderPackets());
        json.writeNumberField("resp_ip_bytes", r.responderIpBytes());
        if (!r.tunnelParents().isEmpty()) {
            json.writeArrayFieldStart("tunnel_parents");
            for (String parent : r.tunnelParents()) {
                json.writeString(parent);
            }
            json.writeEndArray();
        }
        json.writeNumberField("ip_proto", r.ipProtocol());
        json.writeNumberField("orig_frame_bytes", r.originatorFrameBytes());
        json.writeNumberField("resp_frame_bytes", r.responderFrameBytes());
        json.writeStringField("community_id", r.communityId());
        if (r.vlan() >= 0) {
            json.writeNumberField("vlan", r.vlan());
        }
        if (r.innerVlan() >= 0) {
            json.writeNumberField("inner_vlan", r.innerVlan());
        }
        if (payloadStats) {
            stats(json, "orig", r.originatorStats());
            stats(json, "resp", r.responderStats());
        }
        json.writeEndObject();
    }

    @Override
    public String destination() {
        return path.toString();
    }

    /** The payload statistics of one side, as in conn.log's trailing columns; what was not measured is left out. */
    private static void stats(JsonGenerator json, String side, PayloadStats s) throws IOException {
        number(json, side + "_entropy", s.headEntropy());
        number(json, side + "_size_mean", s.meanSize());
        number(json, side + "_size_sd", s.sizeDeviation());
        number(json, side + "_iat_mean", s.meanGapSeconds());
        number(json, side + "_iat_sd", s.gapDeviationSeconds());
    }

    private static void number(JsonGenerator json, String name, double value) throws IOException {
        if (!Double.isNaN(value)) {
            json.writeFieldName(name);
            json.writeNumber(ZeekText.jsonDecimal(ZeekText.decimal(value)));
        }
    }

    @Override
    public void close() throws IOException {
        if (written > 0) {
            json.writeRaw('\n');
        }
        json.close();
    }
}
