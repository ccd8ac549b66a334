package io.telltale.dashboard.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.capture.flow.FlowIds;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Writes HTTP transactions as Zeek's http.log (its columns up to {@code info_msg}; file analysis
 * columns come with file extraction). Header values come from the wire and are escaped.
 */
public abstract sealed class HttpLogWriter implements Closeable {

    static final List<String> FIELDS = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p",
            "trans_depth", "method", "host", "uri", "referrer", "version", "user_agent", "origin", "request_body_len",
            "response_body_len", "status_code", "status_msg", "info_code", "info_msg");
    static final List<String> TYPES = List.of("time", "string", "addr", "port", "addr", "port", "count", "string",
            "string", "string", "string", "string", "string", "string", "count", "count", "count", "string", "count",
            "string");

    public abstract void write(HttpRecord r) throws IOException;

    public static HttpLogWriter zeek(Path path, Clock clock) throws IOException {
        return new Tsv(path, clock);
    }

    public static HttpLogWriter jsonLines(Path path) throws IOException {
        return new Json(path);
    }

    private static final class Tsv extends HttpLogWriter {
        private final ZeekLogWriter log;

        Tsv(Path path, Clock clock) throws IOException {
            this.log = new ZeekLogWriter(path, "http", FIELDS, TYPES, clock);
        }

        @Override
        public void write(HttpRecord r) throws IOException {
            StringBuilder row = log.row();
            row.append(ZeekText.seconds(r.timestampNanos())).append('\t');
            FlowIds.appendUid(row, r.flowId()).append('\t')
                    .append(r.originatorHost()).append('\t').append(r.originatorPort()).append('\t')
                    .append(r.responderHost()).append('\t').append(r.responderPort()).append('\t')
                    .append(r.depth());
            for (String value : new String[] {r.method(), r.host(), r.uri(), r.referrer(), r.version(), r.userAgent(),
                r.origin()}) {
                row.append('\t').append(value == null ? "-" : ZeekText.tsvString(value));
            }
            row.append('\t').append(r.requestBodyLength()).append('\t').append(r.responseBodyLength())
                    .append('\t').append(r.statusCode() < 0 ? "-" : Integer.toString(r.statusCode()))
                    .append('\t').append(r.statusMessage() == null ? "-" : ZeekText.tsvString(r.statusMessage()))
                    .append('\t').append(r.infoCode() < 0 ? "-" : Integer.toString(r.infoCode()))
                    .append('\t').append(r.infoMessage() == null ? "-" : ZeekText.tsvString(r.infoMessage()));
            log.endRow();
        }

        @Override
        public void close() throws IOException {
            log.close();
        }
    }

    private static final class Json extends HttpLogWriter {
        private final JsonGenerator json;

        Json(Path path) throws IOException {
            this.json = new JsonFactory().createGenerator(path.toFile(), JsonEncoding.UTF8);
            json.setRootValueSeparator(new SerializedString("\n"));
        }

        @Override
        public void write(HttpRecord r) throws IOException {
            json.writeStartObject();
            json.writeFieldName("ts");
            json.writeNumber(ZeekText.seconds(r.timestampNanos()));
            json.writeStringField("uid", FlowIds.uid(r.flowId()));
            json.writeStringField("id.orig_h", r.originatorHost());
            json.writeNumberField("id.orig_p", r.originatorPort());
            json.writeStringField("id.resp_h", r.responderHost());
            json.writeNumberField("id.resp_p", r.responderPort());
            json.writeNumberField("trans_depth", r.depth());
            field("method", r.method());
            field("host", r.host());
            field("uri", r.uri());
            field("referrer", r.referrer());
            field("version", r.version());
            field("user_agent", r.userAgent());
            field("origin", r.origin());
            json.writeNumberField("request_body_len", r.requestBodyLength());
            json.writeNumberField("response_body_len", r.responseBodyLength());
            if (r.statusCode() >= 0) {
                json.writeNumberField("status_code", r.statusCode());
            }
            field("status_msg", r.statusMessage());
            if (r.infoCode() >= 0) {
                json.writeNumberField("info_code", r.infoCode());
            }
            field("info_msg", r.infoMessage());
            json.writeEndObject();
        }

        private void field(String name, String value) throws IOException {
            if (value != null) {
                json.writeStringField(name, value);
            }
        }

        @Override
        public void close() throws IOException {
            json.writeRaw('\n');
            json.close();
        }
    }
}
