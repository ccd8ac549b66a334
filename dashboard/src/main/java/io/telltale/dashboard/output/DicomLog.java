package io.telltale.dashboard.output;

import io.telltale.analysis.dissect.dicom.DicomUids;
import io.telltale.analysis.event.DicomRecord;
import java.util.List;

/**
 * dicom.log: our own log of DICOM associations, in Zeek's style and joined to conn.log by uid. SOP
 * classes are written as UIDs and, beside them, by name, so that a DICOS class reads as one. AE
 * titles and user names come from the wire and are escaped; a passcode is never written.
 */
final class DicomLog {

    static final List<LogColumn<DicomRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.text("calling_ae", DicomRecord::callingAe),
            LogColumn.text("called_ae", DicomRecord::calledAe),
            LogColumn.text("result", DicomRecord::result),
            LogColumn.count("reject_result", DicomRecord::rejectResult),
            LogColumn.count("reject_source", DicomRecord::rejectSource),
            LogColumn.count("reject_reason", DicomRecord::rejectReason),
            LogColumn.bool("dicos", DicomRecord::dicos),
            LogColumn.texts("abstract_syntaxes", DicomRecord::abstractSyntaxes),
            LogColumn.texts("sop_class_names", r -> r.abstractSyntaxes().stream().map(DicomUids::name).toList()),
            LogColumn.texts("transfer_syntaxes", DicomRecord::transferSyntaxes),
            LogColumn.count("accepted_contexts", DicomRecord::acceptedContexts),
            LogColumn.text("impl_class_uid", DicomRecord::implementationClassUid),
            LogColumn.text("impl_version", DicomRecord::implementationVersion),
            LogColumn.text("resp_impl_class_uid", DicomRecord::responderImplementationClassUid),
            LogColumn.text("resp_impl_version", DicomRecord::responderImplementationVersion),
            LogColumn.count("max_pdu_length", DicomRecord::maxPduLength),
            LogColumn.count("user_identity_type", DicomRecord::userIdentityType),
            LogColumn.text("user_name", DicomRecord::userName),
            LogColumn.bool("passcode_in_cleartext", DicomRecord::passcodeInCleartext),
            LogColumn.texts("commands", DicomRecord::commands),
            LogColumn.count("stores", DicomRecord::stores),
            LogColumn.count("orig_pdata_bytes", DicomRecord::originatorDataBytes),
            LogColumn.count("resp_pdata_bytes", DicomRecord::responderDataBytes),
            LogColumn.text("end", DicomRecord::end));

    private DicomLog() {
    }
}
