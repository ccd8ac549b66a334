package io.telltale.dashboard.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.capture.flow.FlowIds;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Writes TLS records as Zeek's ssl.log with the {@code ja3}, {@code ja3s} and {@code ja4} columns the
 * JA3/JA4 packages add. Versions are named as Zeek names them; the cipher is the IANA number in hex
 * until a name table lands. Certificate columns wait for the certificate parser.
 */
public abstract sealed class SslLogWriter implements Closeable {

    static final List<String> FIELDS = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "version",
            "cipher", "server_name", "next_protocol", "ja3", "ja3s", "ja4");
    static final List<String> TYPES = List.of("time", "string", "addr", "port", "addr", "port", "string", "string",
            "string", "string", "string", "string", "string");

    public abstract void write(TlsRecord r) throws IOException;

    public static SslLogWriter zeek(Path path, Clock clock) throws IOException {
        return new Tsv(path, clock);
    }

    public static SslLogWriter jsonLines(Path path) throws IOException {
        return new Json(path);
    }

    static String version(int version) {
        return switch (version) {
            case -1 -> null;
            case 0x0304 -> "TLSv13";
            case 0x0303 -> "TLSv12";
            case 0x0302 -> "TLSv11";
            case 0x0301 -> "TLSv10";
            case 0x0300 -> "SSLv3";
            default -> String.format("unknown-%d", version);
        };
    }

    static String cipher(int cipher) {
        return cipher < 0 ? null : String.format("0x%04x", cipher);
    }

    private static final class Tsv extends SslLogWriter {
        private final ZeekLogWriter log;

        Tsv(Path path, Clock clock) throws IOException {
            this.log = new ZeekLogWriter(path, "ssl", FIELDS, TYPES, clock);
        }

        @Override
        public void write(TlsRecord r) throws IOException {
            StringBuilder row = log.row();
            row.append(ZeekText.seconds(r.timestampNanos())).append('\t');
            FlowIds.appendUid(row, r.flowId()).append('\t')
                    .append(r.originatorHost()).append('\t').append(r.originatorPort()).append('\t')
                    .append(r.responderHost()).append('\t').append(r.responderPort());
            for (String value : new String[] {version(r.version()), cipher(r.cipher()), r.serverName(), r.nextProtocol(),
                r.ja3(), r.ja3s(), r.ja4()}) {
                row.append('\t').append(value == null ? "-" : ZeekText.tsvString(value));
            }
            log.endRow();
        }

        @Override
        public void close() throws IOException {
            log.close();
        }
    }

    private static final class Json extends SslLogWriter {
        private final JsonGenerator json;

        Json(Path path) throws IOException {
            this.json = new JsonFactory().createGenerator(path.toFile(), JsonEncoding.UTF8);
            json.setRootValueSeparator(new SerializedString("\n"));
        }

        @Override
        public void write(TlsRecord r) throws IOException {
            json.writeStartObject();
            json.writeFieldName("ts");
            json.writeNumber(ZeekText.seconds(r.timestampNanos()));
            json.writeStringField("uid", FlowIds.uid(r.flowId()));
            json.writeStringField("id.orig_h", r.originatorHost());
            json.writeNumberField("id.orig_p", r.originatorPort());
            json.writeStringField("id.resp_h", r.responderHost());
            json.writeNumberField("id.resp_p", r.responderPort());
            field("version", version(r.version()));
            field("cipher", cipher(r.cipher()));
            field("server_name", r.serverName());
            field("next_protocol", r.nextProtocol());
            field("ja3", r.ja3());
            field("ja3s", r.ja3s());
            field("ja4", r.ja4());
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
