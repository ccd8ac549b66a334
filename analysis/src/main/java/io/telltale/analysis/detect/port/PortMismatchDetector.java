package io.telltale.analysis.detect.port;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.FlowRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Known protocols on ports that belong to another (peers.md §c.5): DICOM on 443 is what a firewall
 * lets through as "HTTPS". The services' usual ports come from the protocol specs. And DICOM, the
 * images' own protocol, to any peer the policy does not declare: images leaving (category
 * dicom-undeclared), critical when the peer is on the Internet.
 */
public final class PortMismatchDetector implements Detector {

    /** Ports that carry something everyone recognises: a protocol found on one of these is disguised. */
    static final Map<Integer, String> WELL_KNOWN = Map.of(80, "http", 443, "ssl", 53, "dns", 22, "ssh", 25, "smtp", 123, "ntp",
            445, "smb", 3389, "rdp");

    private final Policy policy;
    private final Map<String, Set<Integer>> usualPorts = new HashMap<>();

    public PortMismatchDetector(Policy policy, List<ProtocolSpec> protocols) {
        this.policy = policy;
        for (ProtocolSpec p : protocols) {
            usualPorts.put(p.service(), p.usualPorts());
        }
    }

    @Override
    public String name() {
        return "protocol-port";
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        if (f.service() == null || f.interim() || !f.transport().equals("tcp") && !f.transport().equals("udp")) {
            return;
        }
        boolean declared = policy.declared(f.originatorHost(), f.responderHost(), f.transport(), f.responderPort(), null, f.startNanos());
        boolean internet = Addresses.internet(f.responderHost());
        for (String service : f.service().split(",")) {
            String expected = WELL_KNOWN.get(f.responderPort());
            if (!declared && expected != null && !expected.equals(service)
                    && !usualPorts.getOrDefault(service, Set.of()).contains(f.responderPort())) {
                out.accept(new Finding(f.startNanos(), Category.PROTOCOL_PORT_MISMATCH, Severity.HIGH,
                        service.toUpperCase(java.util.Locale.ROOT) + " on port " + f.responderPort(),
                        f.originatorHost() + " spoke " + service + " to " + f.responderHost() + " on port " + f.responderPort()
                                + ", the port of " + expected + ": a protocol dressed as another to pass a firewall.",
                        f.originatorHost(), f.responderHost(), null, List.of("T1571", "T0885"), List.of(f.id()), -1));
            }
            if (service.equals("dicom") && !declared) {
                out.accept(new Finding(f.startNanos(), Category.DICOM_UNDECLARED, internet ? Severity.CRITICAL : Severity.HIGH,
                        "DICOM to " + (internet ? "the Internet: " : "an undeclared peer: ") + f.responderHost(),
                        f.originatorHost() + " opened a DICOM association with " + f.responderHost() + ":" + f.responderPort()
                                + " (" + (f.originatorBytes() < 0 ? 0 : f.originatorBytes()) + " bytes out), a peer no policy "
                                + "declares for images: DICOS images or reports leaving.", f.originatorHost(), f.responderHost(),
                        null, List.of("T1041", "T1048", "T0882"), List.of(f.id()), -1));
            }
        }
    }
}
