package io.telltale.analysis.detect;

import io.telltale.analysis.detect.beacon.BeaconDetector;
import io.telltale.analysis.detect.dns.DnsTunnelDetector;
import io.telltale.analysis.detect.icmp.IcmpTunnelDetector;
import io.telltale.analysis.detect.peer.UndeclaredPeerDetector;
import io.telltale.analysis.policy.Policy;
import java.util.List;

/** The built-in detectors, one line each. */
public final class Detectors {

    private Detectors() {
    }

    public static List<Detector> all(Policy policy) {
        return List.of(
                new UndeclaredPeerDetector(policy),
                new BeaconDetector(policy),
                new DnsTunnelDetector(),
                new IcmpTunnelDetector());
    }
}
