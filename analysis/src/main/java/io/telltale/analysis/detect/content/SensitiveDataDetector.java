package io.telltale.analysis.detect.content;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.event.SensitiveDataRecord;
import io.telltale.analysis.policy.Policy;
import java.util.List;
import java.util.function.Consumer;

/**
 * Passenger, biometric or image data sent in clear. The content scan finds passport MRZ lines,
 * fingerprint and face records, WSQ images, DICOM files and EDIFACT or IATA passenger messages; the
 * DICOM dissector tells of images stored and passcodes sent. Severity follows where it went: the
 * Internet is critical, another site host that no declaration names is high, a declared peer low
 * (the data is expected there, but anyone on the path can read it).
 */
public final class SensitiveDataDetector implements Detector {

    private final Policy policy;

    public SensitiveDataDetector(Policy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "cleartext-data";
    }

    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        switch (record) {
            case SensitiveDataRecord s -> {
                String from = s.fromOriginator() ? s.originatorHost() : s.responderHost();
                String to = s.fromOriginator() ? s.responderHost() : s.originatorHost();
                if (Addresses.internet(from) && policy.groupsOf(from).isEmpty()) {
                    return; // arriving from outside: not a leak of ours
                }
                boolean declared = policy.declared(s.originatorHost(), s.responderHost(), "tcp", s.responderPort(), null,
                        s.timestampNanos()) || policy.declared(s.originatorHost(), s.responderHost(), "udp", s.responderPort(),
                        null, s.timestampNanos());
                Severity severity = severity(to, declared);
                String wrapped = s.encoding().equals("plain") ? "in clear" : "in clear under " + s.encoding() + " (decoded here)";
                out.accept(new Finding(s.timestampNanos(), Category.CLEARTEXT_SENSITIVE_DATA, severity,
                        "Sensitive data (" + s.description() + ") sent to " + to,
                        from + " sent a " + s.description() + " " + wrapped + " to " + to + ":" + portOf(s) + (declared
                                ? ", a declared peer; the data is expected there but readable by anyone on the path"
                                : Addresses.internet(to) ? " on the Internet, which no declaration allows" : ", which no declaration allows")
                                + ". Found at byte " + s.offset() + " of the stream; match hash " + s.matchSha256()
                                + " (the data itself is not kept).",
                        from, to, null, List.of("T1048.003", "T1041"), List.of(s.flowId()), -1));
            }
            case DicomRecord d -> dicom(d, out);
            default -> {
                // other records carry no payload of their own
            }
        }
    }

    private void dicom(DicomRecord d, Consumer<Finding> out) {
        boolean declared = policy.declared(d.originatorHost(), d.responderHost(), "tcp", d.responderPort(), null, d.timestampNanos());
        String to = d.responderHost();
        if (d.stores() > 0 && !declared) {
            out.accept(new Finding(d.timestampNanos(), Category.CLEARTEXT_SENSITIVE_DATA, severity(to, false),
                    "Images stored in clear at undeclared " + to,
                    d.originatorHost() + " stored " + d.stores() + " object(s) (" + String.join(", ", d.affectedSopClasses())
                            + ") over unencrypted DICOM at " + to + ":" + d.responderPort() + ", called AE " + d.calledAe()
                            + "; no declaration allows it" + (d.passcodeInCleartext() ? ", and its passcode crossed in clear" : "")
                            + ".",
                    d.originatorHost(), to, d.calledAe(), List.of("T1048.003", "T1041"), List.of(d.flowId()), -1));
        } else if (d.passcodeInCleartext()) {
            out.accept(new Finding(d.timestampNanos(), Category.CLEARTEXT_SENSITIVE_DATA, declared ? Severity.LOW : severity(to, false),
                    "DICOM passcode in clear to " + to,
                    d.originatorHost() + " sent a DICOM user identity with its passcode in clear to " + to + ":"
                            + d.responderPort() + ".",
                    d.originatorHost(), to, d.calledAe(), List.of("T1552"), List.of(d.flowId()), -1));
        }
    }

    private static Severity severity(String to, boolean declared) {
        return declared ? Severity.LOW : Addresses.internet(to) ? Severity.CRITICAL : Severity.HIGH;
    }

    private static int portOf(SensitiveDataRecord s) {
        return s.fromOriginator() ? s.responderPort() : s.originatorPort();
    }
}
