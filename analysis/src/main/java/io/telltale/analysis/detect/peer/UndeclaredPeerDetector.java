package io.telltale.analysis.detect.peer;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Findings;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.FlowRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * A device of the policy starts a conversation its group does not declare. Severity follows what
 * happened: an answered conversation with the Internet is high (the device reached out and something
 * answered), with another site host medium, an attempt nobody answered (a blocked SYN) low. On-link
 * chatter (multicast, broadcast, link-local) is left to the discovery view.
 */
public final class UndeclaredPeerDetector implements Detector {

    private final Policy policy;

    public UndeclaredPeerDetector(Policy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "undeclared-peer";
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        String device = f.originatorHost();
        String remote = f.responderHost();
        if (Addresses.onLink(remote) || device.equals("0.0.0.0") || (!policy.groups().isEmpty() && policy.groupsOf(device).isEmpty())
                || policy.learning(device)) {
            return;
        }
        String transport = f.transport().startsWith("icmp") ? "icmp" : f.transport();
        if (policy.declared(device, remote, transport, f.responderPort(), null, f.startNanos())) {
            return;
        }
        boolean internet = Addresses.internet(remote);
        boolean answered = f.responderPackets() > 0 && !f.connState().equals("REJ") && !f.connState().equals("S0");
        if (Findings.raised(out, Category.UNDECLARED_PEER, device, remote)
                && (!internet || !answered || Findings.raised(out, Category.INTERNET_ACCESS, device, remote))) {
            return; // raised already: the sentences below would only be counted as a repeat
        }
        Severity severity = !answered ? Severity.LOW : internet ? Severity.HIGH : Severity.MEDIUM;
        String where = transport + (f.hasPorts() ? "/" + f.responderPort() : "");
        String why = device + " started a " + where + " conversation with " + remote + (internet ? " on the Internet" : "")
                + ", which its policy does not declare" + (answered ? "; the other end answered ("
                + (f.originatorBytes() < 0 ? 0 : f.originatorBytes()) + " bytes out, "
                + (f.responderBytes() < 0 ? 0 : f.responderBytes()) + " bytes in)." : "; nothing answered (blocked or unreachable).");
        out.accept(new Finding(f.startNanos(), Category.UNDECLARED_PEER, severity, "Undeclared " + where + " peer " + remote, why,
                device, remote, null, internet ? List.of("T1071") : List.of(), List.of(f.id()), -1));
        if (internet && answered) {
            out.accept(new Finding(f.startNanos(), Category.INTERNET_ACCESS, Severity.HIGH, "Internet access to " + remote,
                    why, device, remote, null, List.of("T1071"), List.of(f.id()), -1));
        }
    }
}
