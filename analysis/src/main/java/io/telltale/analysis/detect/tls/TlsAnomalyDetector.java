package io.telltale.analysis.detect.tls;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.event.X509Record;
import io.telltale.analysis.policy.Policy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * TLS to the Internet that a real service would not present: a self-signed leaf certificate, one
 * that has expired or is not yet valid, a server name the certificate does not cover, or no server
 * name at all (a connection straight to an address). Declared peers are exempt.
 */
public final class TlsAnomalyDetector implements Detector {

    private final Policy policy;
    /** Leaf certificates by flow, as x509 records come before their ssl record. */
    private final Map<Long, X509Record> leaves = new HashMap<>();

    public TlsAnomalyDetector(Policy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "tls-anomaly";
    }

    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        if (record instanceof X509Record x && x.chainIndex() == 0) {
            if (leaves.size() > 100_000) {
                leaves.clear();
            }
            leaves.put(x.flowId(), x);
            return;
        }
        if (!(record instanceof TlsRecord t) || !Addresses.internet(t.responderHost())
                || policy.declared(t.originatorHost(), t.responderHost(), "tcp", t.responderPort(), null, t.timestampNanos())
                || "anydesk".equals(t.application()) || "tor".equals(t.application())) {
            return;
        }
        X509Record leaf = leaves.remove(t.flowId());
        StringBuilder why = new StringBuilder();
        boolean serious = false;
        if (leaf != null && leaf.selfSigned()) {
            why.append("its certificate (").append(leaf.subject()).append(") is self-signed; ");
            serious = true;
        }
        long nowMillis = t.timestampNanos() / 1_000_000L;
        if (leaf != null && (nowMillis > leaf.notAfterMillis() || nowMillis < leaf.notBeforeMillis())) {
            why.append("its certificate is not valid at this time; ");
        }
        if (Boolean.FALSE.equals(t.sniMatchesCertificate())) {
            why.append("the certificate does not cover the name asked for (").append(t.serverName()).append("); ");
        }
        if (t.serverName() == null) {
            why.append("the client named no server (TLS straight to an address); ");
            serious = true;
        }
        if (why.isEmpty()) {
            return;
        }
        // an expired or mismatched certificate is as often a neglected server as a hostile one: medium
        out.accept(new Finding(t.timestampNanos(), Category.TLS_ANOMALY, serious ? Severity.HIGH : Severity.MEDIUM,
                "Unusual TLS to " + t.responderHost(),
                t.originatorHost() + " made TLS to " + t.responderHost() + ":" + t.responderPort() + ", and "
                        + why.substring(0, why.length() - 2) + ". A real vendor service shows a certificate for its name.",
                t.originatorHost(), t.responderHost(), t.serverName(), List.of("T1573.002"), List.of(t.flowId()), -1));
    }
}
