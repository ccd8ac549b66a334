package io.telltale.analysis.detect.remote;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.policy.Policy;
import io.telltale.analysis.policy.PolicyDocument.Declaration;
import io.telltale.capture.flow.FlowRecord;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A remote-access tool or a shell on a connection the policy does not declare: RDP, VNC, TeamViewer,
 * SSH, Telnet by content (on any port), AnyDesk and Tor by their TLS shape, and a command shell on a
 * raw socket (a reverse shell, its own category). Critical when the other end is on the Internet: a
 * vendor's or an attacker's hands on a screening device; high inside the site.
 */
public final class RemoteAccessDetector implements Detector {

    static final Map<String, String> TOOLS = Map.of("rdp", "RDP", "rfb", "VNC", "teamviewer", "TeamViewer", "ssh", "SSH",
            "telnet", "Telnet");

    private final Policy policy;

    public RemoteAccessDetector(Policy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "remote-access";
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        if (f.service() == null || f.interim()) {
            return;
        }
        Declaration declared = declaration(f);
        if (declared != null) {
            if (declared.reported() && TOOLS.containsKey(f.service().split(",")[0])) {
                String tool = TOOLS.get(f.service().split(",")[0]);
                out.accept(new Finding(f.startNanos(), Category.REMOTE_ACCESS, Severity.INFO,
                        "Declared " + tool + " session to " + f.responderHost(), f.originatorHost() + " opened a " + tool
                        + " session to " + f.responderHost() + ":" + f.responderPort() + " inside the window that declaration \""
                        + declared.id() + "\" allows; reported because the declaration asks for each use to be.",
                        f.originatorHost(), f.responderHost(), null, List.of("T1219"), List.of(f.id()), -1));
            }
            return;
        }
        for (String service : f.service().split(",")) {
            if (service.equals("shell")) {
                raise(f, Category.REVERSE_SHELL, "Command shell over a raw connection to " + f.responderHost(),
                        "a command shell (its banner or its answers) travels in clear text on a raw TCP connection: someone "
                                + "is typing commands on this device from elsewhere", List.of("T1059", "T1571", "T1095"), out);
            } else if (TOOLS.containsKey(service)) {
                raise(f, Category.REMOTE_ACCESS, TOOLS.get(service) + " session to " + f.responderHost(),
                        "a " + TOOLS.get(service) + " session, recognised by its content", List.of("T1219", "T1133", "T0822"), out);
            }
        }
    }

    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        if (record instanceof TlsRecord t && t.application() != null
                && !policy.declared(t.originatorHost(), t.responderHost(), "tcp", t.responderPort(), null, t.timestampNanos())) {
            boolean internet = Addresses.internet(t.responderHost());
            String tool = t.application().equals("anydesk") ? "AnyDesk" : t.application().equals("tor") ? "Tor" : t.application();
            out.accept(new Finding(t.timestampNanos(), Category.REMOTE_ACCESS, internet ? Severity.CRITICAL : Severity.HIGH,
                    tool + " from " + t.originatorHost(), t.originatorHost() + " opened a " + tool + " connection to "
                            + t.responderHost() + (t.serverName() == null ? "" : " (" + t.serverName() + ")")
                            + ", recognised by its TLS handshake; no policy declares it.",
                    t.originatorHost(), t.responderHost(), t.serverName(), List.of("T1219.002", "T1133", "T0822"),
                    List.of(t.flowId()), -1));
        }
    }

    private Declaration declaration(FlowRecord f) {
        String transport = f.transport().startsWith("icmp") ? "icmp" : f.transport();
        return policy.declaration(f.originatorHost(), f.responderHost(), transport, f.responderPort(), null, f.startNanos());
    }

    private void raise(FlowRecord f, Category category, String title, String what, List<String> attack, Consumer<Finding> out) {
        boolean internet = Addresses.internet(f.responderHost());
        String why = f.originatorHost() + " and " + f.responderHost() + ":" + f.responderPort() + " held " + what + " ("
                + String.format(java.util.Locale.ROOT, "%.0f", Math.max(0, f.durationNanos()) / 1e9) + " s); no policy declares it.";
        out.accept(new Finding(f.startNanos(), category, internet ? Severity.CRITICAL : Severity.HIGH, title, why,
                f.originatorHost(), f.responderHost(), null, attack, List.of(f.id()), -1));
    }
}
