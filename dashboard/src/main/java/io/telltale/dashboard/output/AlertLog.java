package io.telltale.dashboard.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonGenerator;
import io.telltale.analysis.event.Alert;
import io.telltale.capture.flow.FlowIds;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * alerts.jsonl: one JSON object per alert, as issue 6 lists its fields: id, ts (seconds, as Zeek
 * writes times), severity, category, title, why, device and remote (address and name), detector,
 * attack, flow_uids (joined to conn.log), score where one applies. The file is created on the first
 * alert, so a clean read leaves none.
 */
final class AlertLog implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private BufferedWriter out;
    private JsonGenerator json;
    private long written;

    AlertLog(Path file) {
        this.file = file;
    }

    /** Creates the file now (before a capture gives up the rights to create files in the directory). */
    void open() throws IOException {
        if (out == null) {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            // the generator's flush only hands its text to the buffer; the file is flushed by flush(), not per alert
            json = JSON.getFactory().createGenerator(out).configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
                    .configure(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM, false);
            json.setRootValueSeparator(null);
        }
    }

    void write(Alert a) throws IOException {
        open();
        write(json, a);
        json.flush();
        out.write('\n');
        written++;
    }

    /** One alert as one JSON object, streamed field by field: a tree per alert was most of the cost of an alert storm. */
    static void write(JsonGenerator g, Alert a) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", a.id());
        g.writeFieldName("ts");
        g.writeNumber(ZeekText.seconds(a.timestampNanos())); // as Zeek prints times, not 1.77E9
        g.writeStringField("severity", a.severity());
        g.writeStringField("category", a.category());
        g.writeStringField("title", a.title());
        g.writeStringField("why", a.why());
        g.writeObjectFieldStart("device");
        if (a.deviceAddress() != null) {
            g.writeStringField("address", a.deviceAddress()); // none for the sensor's own alerts
        }
        if (a.deviceName() != null) {
            g.writeStringField("name", a.deviceName());
        }
        g.writeEndObject();
        if (a.remoteAddress() != null) {
            g.writeObjectFieldStart("remote");
            g.writeStringField("address", a.remoteAddress());
            if (a.remoteName() != null) {
                g.writeStringField("name", a.remoteName());
            }
            if (a.remoteCountry() != null) {
                g.writeStringField("country", a.remoteCountry());
            }
            if (a.remoteAsn() >= 0) {
                g.writeNumberField("asn", a.remoteAsn());
                g.writeStringField("as_org", a.remoteOrganisation());
            }
            g.writeEndObject();
        } else {
            g.writeNullField("remote"); // about the device alone
        }
        g.writeStringField("detector", a.detector());
        g.writeArrayFieldStart("attack");
        for (String t : a.attack()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("flow_uids");
        for (long id : a.flowIds()) {
            g.writeString(FlowIds.uid(id));
        }
        g.writeEndArray();
        if (a.score() >= 0) {
            g.writeNumberField("score", a.score());
        }
        if (a.signature() != null) {
            io.telltale.analysis.event.SignatureHit s = a.signature();
            g.writeObjectFieldStart("signature"); // EVE's alert object's names
            g.writeNumberField("gid", s.gid());
            g.writeNumberField("signature_id", s.sid());
            g.writeNumberField("rev", s.rev());
            g.writeStringField("signature", s.msg());
            if (s.classtype() != null) {
                g.writeStringField("category", s.classtype());
            }
            if (s.buffer() != null) {
                g.writeStringField("buffer", s.buffer());
                g.writeStringField("value", s.value());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** What is buffered goes to the file: a reader (tail -f, the dashboard) sees every alert written so far. */
    void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            json.close();
            out.close();
        }
    }
}
