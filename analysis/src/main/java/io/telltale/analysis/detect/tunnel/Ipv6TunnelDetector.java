package io.telltale.analysis.detect.tunnel;

import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.FlowRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * IPv6 carried inside IPv4 out of the site (domain.md §3.12): Teredo (UDP 3544) and 6in4 / ISATAP
 * (IPv4 protocol 41). Inside a tunnel, traffic escapes every IPv4 filter of the scanner VLAN.
 */
public final class Ipv6TunnelDetector implements Detector {

    private final Policy policy;

    public Ipv6TunnelDetector(Policy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "ipv6-tunnel";
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        boolean teredo = f.transport().equals("udp") && (f.responderPort() == 3544 || f.originatorPort() == 3544);
        boolean protocol41 = f.ipProtocol() == 41;
        if (!teredo && !protocol41) {
            return;
        }
        if (policy.declared(f.originatorHost(), f.responderHost(), f.transport(), f.responderPort(), null, f.startNanos())) {
            return;
        }
        String kind = teredo ? "Teredo (UDP 3544)" : "6in4 (IPv4 protocol 41)";
        out.accept(new Finding(f.startNanos(), Category.IPV6_TUNNEL, Severity.HIGH, kind + " tunnel to " + f.responderHost(),
                f.originatorHost() + " carries IPv6 inside IPv4 to " + f.responderHost() + " by " + kind + ": an IPv6 path out "
                        + "of an IPv4-only network, past its filters.", f.originatorHost(), f.responderHost(), null,
                List.of("T1572"), List.of(f.id()), -1));
    }
}
