package io.telltale.dashboard.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.telltale.analysis.event.SshRecord;
import io.telltale.capture.flow.FlowIds;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Writes SSH records as Zeek's ssh.log, with the columns the HASSH package adds ({@code hassh},
 * {@code hasshServer}, {@code hasshAlgorithms}, {@code hasshServerAlgorithms}). What a passive
 * observer cannot know without more analysis (authentication outcome, host key fingerprint) is unset.
 */
public abstract sealed class SshLogWriter implements Closeable {

    static final List<String> FIELDS = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "version",
            "auth_success", "auth_attempts", "direction", "client", "server", "cipher_alg", "mac_alg", "compression_alg",
            "kex_alg", "host_key_alg", "host_key_fingerprint", "hassh", "hasshServer", "hasshAlgorithms",
            "hasshServerAlgorithms");
    static final List<String> TYPES = List.of("time", "string", "addr", "port", "addr", "port", "count", "bool", "count",
            "enum", "string", "string", "string", "string", "string", "string", "string", "string", "string", "string",
            "string", "string");

    public abstract void write(SshRecord r) throws IOException;

    public static SshLogWriter zeek(Path path, Clock clock) throws IOException {
        return new Tsv(path, clock);
    }

    public static SshLogWriter jsonLines(Path path) throws IOException {
        return new Json(path);
    }

    private static final class Tsv extends SshLogWriter {
        private final ZeekLogWriter log;

        Tsv(Path path, Clock clock) throws IOException {
            this.log = new ZeekLogWriter(path, "ssh", FIELDS, TYPES, clock);
        }

        @Override
        public void write(SshRecord r) throws IOException {
            StringBuilder row = log.row();
            row.append(ZeekText.seconds(r.timestampNanos())).append('\t');
            FlowIds.appendUid(row, r.flowId()).append('\t')
                    .append(r.originatorHost()).append('\t').append(r.originatorPort()).append('\t')
                    .append(r.responderHost()).append('\t').append(r.responderPort()).append('\t')
                    .append(r.version() == 0 ? "-" : Integer.toString(r.version())).append("\t-\t-\t-\t");
            for (String value : new String[] {r.client(), r.server(), r.cipherAlgorithm(), r.macAlgorithm(),
                r.compressionAlgorithm(), r.kexAlgorithm(), r.hostKeyAlgorithm(), null, r.hassh(), r.hasshServer(),
                r.hasshAlgorithms(), r.hasshServerAlgorithms()}) {
                row.append(value == null ? "-" : ZeekText.tsvString(value)).append('\t');
            }
            row.setLength(row.length() - 1);
            log.endRow();
        }

        @Override
        public void close() throws IOException {
            log.close();
        }
    }

    private static final class Json extends SshLogWriter {
        private final JsonGenerator json;

        Json(Path path) throws IOException {
            this.json = new JsonFactory().createGenerator(path.toFile(), JsonEncoding.UTF8);
            json.setRootValueSeparator(new SerializedString("\n"));
        }

        @Override
        public void write(SshRecord r) throws IOException {
            json.writeStartObject();
            json.writeFieldName("ts");
            json.writeNumber(ZeekText.seconds(r.timestampNanos()));
            json.writeStringField("uid", FlowIds.uid(r.flowId()));
            json.writeStringField("id.orig_h", r.originatorHost());
            json.writeNumberField("id.orig_p", r.originatorPort());
            json.writeStringField("id.resp_h", r.responderHost());
            json.writeNumberField("id.resp_p", r.responderPort());
            if (r.version() > 0) {
                json.writeNumberField("version", r.version());
            }
            field("client", r.client());
            field("server", r.server());
            field("cipher_alg", r.cipherAlgorithm());
            field("mac_alg", r.macAlgorithm());
            field("compression_alg", r.compressionAlgorithm());
            field("kex_alg", r.kexAlgorithm());
            field("host_key_alg", r.hostKeyAlgorithm());
            field("hassh", r.hassh());
            field("hasshServer", r.hasshServer());
            field("hasshAlgorithms", r.hasshAlgorithms());
            field("hasshServerAlgorithms", r.hasshServerAlgorithms());
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
