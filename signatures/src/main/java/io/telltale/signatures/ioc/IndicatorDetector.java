package io.telltale.signatures.ioc;

import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.event.SshRecord;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.event.X509Record;
import io.telltale.capture.flow.FlowRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * Indicator lists on what the analysis emits: each flow's two addresses, DNS names and the
 * addresses answered, TLS server names and fingerprints, certificate hashes, HTTP hosts and URLs,
 * HASSH. The device is the end that is not the indicator. The set can be swapped between events
 * ({@link #replace}), so a reload is atomic.
 */
public final class IndicatorDetector implements Detector {

    private volatile IndicatorSet set;

    public IndicatorDetector(IndicatorSet set) {
        this.set = set;
    }

    @Override
    public String name() {
        return "ioc";
    }

    public void replace(IndicatorSet next) {
        this.set = next;
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        IndicatorSet s = set;
        long now = f.startNanos();
        String originator = f.originatorHost();
        String responder = f.responderHost();
        IndicatorSet.Match m = s.address(responder, now);
        if (m != null) {
            raise(out, now, originator, responder, m, "connected to " + responder + ":" + f.responderPort() + " (" + f.transport() + ")",
                    f.id());
            return;
        }
        m = s.address(originator, now);
        if (m != null) {
            raise(out, now, responder, originator, m, "was reached from " + originator + " on port " + f.responderPort() + " ("
                    + f.transport() + ")", f.id());
        }
    }

    @Override
    public void onRecord(ProtocolRecord r, Consumer<Finding> out) {
        IndicatorSet s = set;
        long now = r.timestampNanos();
        switch (r) {
            case DnsRecord d -> {
                IndicatorSet.Match m = s.domain(d.query(), now);
                if (m != null) {
                    raise(out, now, d.originatorHost(), d.responderHost(), m, "looked up " + d.query(), d.flowId());
                    return;
                }
                for (String answer : d.answers()) {
                    m = s.address(answer, now);
                    if (m != null) {
                        raise(out, now, d.originatorHost(), answer, m, "was told " + d.query() + " is " + answer, d.flowId());
                        return;
                    }
                }
            }
            case TlsRecord t -> {
                IndicatorSet.Match m = s.domain(t.serverName(), now);
                String what = "opened TLS naming " + t.serverName();
                if (m == null) {
                    for (String fingerprint : new String[] {t.ja3(), t.ja4(), t.ja3s()}) {
                        m = s.fingerprint(fingerprint, now);
                        if (m != null) {
                            what = "made a TLS handshake with fingerprint " + fingerprint;
                            break;
                        }
                    }
                }
                if (m != null) {
                    raise(out, now, t.originatorHost(), t.responderHost(), m, what, t.flowId());
                }
            }
            case X509Record x -> {
                IndicatorSet.Match m = s.fingerprint(x.sha256(), now);
                if (m == null) {
                    m = s.fingerprint(x.sha1(), now);
                }
                if (m != null) {
                    raise(out, now, x.originatorHost(), x.responderHost(), m, "was shown the certificate " + x.subject(), x.flowId());
                }
            }
            case HttpRecord h -> {
                IndicatorSet.Match m = s.url(h.host(), h.uri(), now);
                String what = "requested http://" + h.host() + h.uri();
                if (m == null) {
                    m = s.domain(h.host(), now);
                }
                if (m != null) {
                    raise(out, now, h.originatorHost(), h.responderHost(), m, what, h.flowId());
                }
            }
            case SshRecord ssh -> {
                IndicatorSet.Match m = s.fingerprint(ssh.hassh(), now);
                if (m == null) {
                    m = s.fingerprint(ssh.hasshServer(), now);
                }
                if (m != null) {
                    raise(out, now, ssh.originatorHost(), ssh.responderHost(), m, "made an SSH handshake with HASSH "
                            + m.indicator().value(), ssh.flowId());
                }
            }
            default -> {
                // no indicator kind applies
            }
        }
    }

    private static void raise(Consumer<Finding> out, long now, String device, String remote, IndicatorSet.Match m, String what,
                              long flowId) {
        String value = m.indicator().value();
        out.accept(new Finding(now, Category.IOC_MATCH, m.list().severity(), "Indicator of list " + m.list().name() + ": " + value,
                device + " " + what + ", which list " + m.list().name() + " names (" + kind(m.indicator().kind()) + " " + value
                        + ").", device, remote, null, List.of(), flowId == 0 ? List.of() : List.of(flowId), -1));
    }

    private static String kind(Indicator.Kind k) {
        return switch (k) {
            case IP -> "address";
            case CIDR -> "network";
            case DOMAIN -> "domain";
            case URL -> "URL";
            case MD5_FINGERPRINT -> "JA3/JA3S/HASSH fingerprint";
            case JA4 -> "JA4 fingerprint";
            case SHA1 -> "certificate SHA-1";
            case SHA256 -> "certificate SHA-256";
        };
    }
}
