package io.telltale.dashboard.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.telltale.analysis.dissect.dicom.DicomUids;
import io.telltale.analysis.event.DicomRecord;
import io.telltale.capture.flow.FlowIds;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Writes DICOM associations as dicom.log: our own log, in Zeek's style and joined to conn.log by
 * {@code uid}. SOP classes are written as UIDs and, beside them, by name, so that a DICOS class reads
 * as one. AE titles and user names come from the wire and are escaped; a passcode is never written.
 */
public abstract sealed class DicomLogWriter implements Closeable {

    static final List<String> FIELDS = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p",
            "calling_ae", "called_ae", "result", "reject_result", "reject_source", "reject_reason", "dicos",
            "abstract_syntaxes", "sop_class_names", "transfer_syntaxes", "accepted_contexts", "impl_class_uid",
            "impl_version", "resp_impl_class_uid", "resp_impl_version", "max_pdu_length", "user_identity_type",
            "user_name", "passcode_in_cleartext", "commands", "stores", "orig_pdata_bytes", "resp_pdata_bytes", "end");
    static final List<String> TYPES = List.of("time", "string", "addr", "port", "addr", "port", "string", "string",
            "string", "count", "count", "count", "bool", "vector[string]", "vector[string]", "vector[string]", "count",
            "string", "string", "string", "string", "count", "count", "string", "bool", "vector[string]", "count",
            "count", "count", "string");

    public abstract void write(DicomRecord r) throws IOException;

    public static DicomLogWriter zeek(Path path, Clock clock) throws IOException {
        return new Tsv(path, clock);
    }

    public static DicomLogWriter jsonLines(Path path) throws IOException {
        return new Json(path);
    }

    static List<String> names(List<String> uids) {
        return uids.stream().map(DicomUids::name).toList();
    }

    private static final class Tsv extends DicomLogWriter {
        private final ZeekLogWriter log;

        Tsv(Path path, Clock clock) throws IOException {
            this.log = new ZeekLogWriter(path, "dicom", FIELDS, TYPES, clock);
        }

        @Override
        public void write(DicomRecord r) throws IOException {
            StringBuilder row = log.row();
            row.append(ZeekText.seconds(r.timestampNanos())).append('\t');
            FlowIds.appendUid(row, r.flowId()).append('\t')
                    .append(r.originatorHost()).append('\t').append(r.originatorPort()).append('\t')
                    .append(r.responderHost()).append('\t').append(r.responderPort());
            string(row, r.callingAe());
            string(row, r.calledAe());
            string(row, r.result());
            count(row, r.rejectResult());
            count(row, r.rejectSource());
            count(row, r.rejectReason());
            row.append('\t').append(r.dicos() ? 'T' : 'F');
            vector(row, r.abstractSyntaxes());
            vector(row, names(r.abstractSyntaxes()));
            vector(row, r.transferSyntaxes());
            count(row, r.acceptedContexts());
            string(row, r.implementationClassUid());
            string(row, r.implementationVersion());
            string(row, r.responderImplementationClassUid());
            string(row, r.responderImplementationVersion());
            count(row, r.maxPduLength());
            count(row, r.userIdentityType());
            string(row, r.userName());
            row.append('\t').append(r.passcodeInCleartext() ? 'T' : 'F');
            vector(row, r.commands());
            count(row, r.stores());
            count(row, r.originatorDataBytes());
            count(row, r.responderDataBytes());
            string(row, r.end());
            log.endRow();
        }

        private static void string(StringBuilder row, String value) {
            row.append('\t').append(value == null ? "-" : ZeekText.tsvString(value));
        }

        private static void count(StringBuilder row, long value) {
            row.append('\t');
            if (value < 0) {
                row.append('-');
            } else {
                row.append(value);
            }
        }

        private static void vector(StringBuilder row, List<String> values) {
            row.append('\t');
            if (values.isEmpty()) {
                row.append("(empty)");
                return;
            }
            for (int i = 0; i < values.size(); i++) {
                row.append(i == 0 ? "" : ",").append(ZeekText.tsvSetElement(values.get(i)));
            }
        }

        @Override
        public void close() throws IOException {
            log.close();
        }
    }

    private static final class Json extends DicomLogWriter {
        private final JsonGenerator json;

        Json(Path path) throws IOException {
            this.json = new JsonFactory().createGenerator(path.toFile(), JsonEncoding.UTF8);
            json.setRootValueSeparator(new SerializedString("\n"));
        }

        @Override
        public void write(DicomRecord r) throws IOException {
            json.writeStartObject();
            json.writeFieldName("ts");
            json.writeNumber(ZeekText.seconds(r.timestampNanos()));
            json.writeStringField("uid", FlowIds.uid(r.flowId()));
            json.writeStringField("id.orig_h", r.originatorHost());
            json.writeNumberField("id.orig_p", r.originatorPort());
            json.writeStringField("id.resp_h", r.responderHost());
            json.writeNumberField("id.resp_p", r.responderPort());
            field("calling_ae", r.callingAe());
            field("called_ae", r.calledAe());
            field("result", r.result());
            count("reject_result", r.rejectResult());
            count("reject_source", r.rejectSource());
            count("reject_reason", r.rejectReason());
            json.writeBooleanField("dicos", r.dicos());
            array("abstract_syntaxes", r.abstractSyntaxes());
            array("sop_class_names", names(r.abstractSyntaxes()));
            array("transfer_syntaxes", r.transferSyntaxes());
            json.writeNumberField("accepted_contexts", r.acceptedContexts());
            field("impl_class_uid", r.implementationClassUid());
            field("impl_version", r.implementationVersion());
            field("resp_impl_class_uid", r.responderImplementationClassUid());
            field("resp_impl_version", r.responderImplementationVersion());
            count("max_pdu_length", r.maxPduLength());
            count("user_identity_type", r.userIdentityType());
            field("user_name", r.userName());
            json.writeBooleanField("passcode_in_cleartext", r.passcodeInCleartext());
            array("commands", r.commands());
            json.writeNumberField("stores", r.stores());
            json.writeNumberField("orig_pdata_bytes", r.originatorDataBytes());
            json.writeNumberField("resp_pdata_bytes", r.responderDataBytes());
            field("end", r.end());
            json.writeEndObject();
        }

        private void field(String name, String value) throws IOException {
            if (value != null) {
                json.writeStringField(name, value);
            }
        }

        private void count(String name, long value) throws IOException {
            if (value >= 0) {
                json.writeNumberField(name, value);
            }
        }

        private void array(String name, List<String> values) throws IOException {
            json.writeArrayFieldStart(name);
            for (String v : values) {
                json.writeString(v);
            }
            json.writeEndArray();
        }

        @Override
        public void close() throws IOException {
            json.writeRaw('\n');
            json.close();
        }
    }
}
