package io.telltale.analysis.detect.peer;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.policy.Policy;
import io.telltale.analysis.policy.PolicyDocument.Declaration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A conversation a declaration allows by address and port, but not by what is said in it: a TLS
 * server name, an HTTP host, a DICOM called AE title or a DNS name the declaration does not list. A
 * CT allowed to reach the image server on 11112 that calls another AE there, or a device allowed the
 * vendor's update host by address that names a different host in SNI (domain fronting), is doing
 * something nobody declared.
 */
public final class DeclarationConstraintDetector implements Detector {

    private final Policy policy;

    public DeclarationConstraintDetector(Policy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "declaration";
    }

    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        switch (record) {
            case TlsRecord t when t.serverName() != null -> check(t.flowId(), t.timestampNanos(), t.originatorHost(),
                    t.responderHost(), "tcp", t.responderPort(), "TLS server name", t.serverName(), Declaration::tlsSni,
                    Category.UNDECLARED_PEER, out);
            case HttpRecord h when h.host() != null && h.depth() <= 1 -> check(h.flowId(), h.timestampNanos(),
                    h.originatorHost(), h.responderHost(), "tcp", h.responderPort(), "HTTP host", h.host(), Declaration::httpHost,
                    Category.UNDECLARED_PEER, out);
            case DicomRecord d when d.calledAe() != null -> check(d.flowId(), d.timestampNanos(), d.originatorHost(),
                    d.responderHost(), "tcp", d.responderPort(), "DICOM called AE title", d.calledAe(), Declaration::dicomCalledAe,
                    Category.DICOM_UNDECLARED, out);
            case DnsRecord q when q.query() != null && !q.query().isEmpty() && q.responderPort() == 53 -> check(q.flowId(),
                    q.timestampNanos(), q.originatorHost(), q.responderHost(), q.tcp() ? "tcp" : "udp", q.responderPort(),
                    "DNS name", q.query(), Declaration::dnsNames, Category.UNDECLARED_PEER, out);
            default -> {
                // other records carry nothing a declaration constrains
            }
        }
    }

    private void check(long flow, long nanos, String from, String to, String transport, int port, String what, String value,
                       java.util.function.Function<Declaration, List<String>> allowed, Category category, Consumer<Finding> out) {
        Declaration d = policy.learning(from) ? null : policy.declaration(from, to, transport, port, null, nanos);
        if (d == null) {
            return; // not declared at all: the undeclared-peer detector speaks
        }
        List<String> names = allowed.apply(d);
        if (names.isEmpty() || names.stream().anyMatch(p -> Policy.nameMatches(p, value))) {
            return;
        }
        // a name outside the declaration on the site's own resolver is worth a look, not an alarm
        Severity severity = what.equals("DNS name") ? Severity.LOW : Addresses.internet(to) ? Severity.HIGH : Severity.MEDIUM;
        String shown = value.length() > 200 ? value.substring(0, 200) + "…" : value;
        out.accept(new Finding(nanos, category, severity, "Undeclared " + what + " " + shown + " at " + to,
                from + " reached " + to + ":" + port + " as declaration \"" + d.id() + "\" allows, but used the " + what + " \""
                        + shown + "\", which the declaration does not list (it allows " + String.join(", ", names) + ").",
                from, to, value, category == Category.DICOM_UNDECLARED ? List.of("T1041") : List.of("T1071"), List.of(flow), -1));
    }
}
