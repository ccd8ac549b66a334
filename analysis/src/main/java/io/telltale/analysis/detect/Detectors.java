package io.telltale.analysis.detect;

import io.telltale.analysis.detect.activity.ImageVolumeDetector;
import io.telltale.analysis.detect.activity.SilentDeviceDetector;
import io.telltale.analysis.detect.beacon.BeaconDetector;
import io.telltale.analysis.detect.country.ForbiddenCountryDetector;
import io.telltale.analysis.detect.destination.NewDestinationDetector;
import io.telltale.analysis.geo.GeoDatabase;
import io.telltale.analysis.detect.content.DnsPayloadDetector;
import io.telltale.analysis.detect.content.SensitiveDataDetector;
import io.telltale.analysis.detect.connection.LongConnectionDetector;
import io.telltale.analysis.detect.dns.DnsLessConnectionDetector;
import io.telltale.analysis.detect.dns.DnsTunnelDetector;
import io.telltale.analysis.detect.egress.BulkEgressDetector;
import io.telltale.analysis.detect.dns.EncryptedDnsDetector;
import io.telltale.analysis.detect.icmp.IcmpTunnelDetector;
import io.telltale.analysis.detect.ntp.NtpCovertDetector;
import io.telltale.analysis.detect.peer.DeclarationConstraintDetector;
import io.telltale.analysis.detect.peer.UndeclaredPeerDetector;
import io.telltale.analysis.detect.port.PortMismatchDetector;
import io.telltale.analysis.detect.remote.RemoteAccessDetector;
import io.telltale.analysis.detect.tls.TlsAnomalyDetector;
import io.telltale.analysis.detect.tunnel.Ipv6TunnelDetector;
import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.policy.Policy;
import java.util.List;

/** The built-in detectors, one line each. */
public final class Detectors {

    private Detectors() {
    }

    /** For reading files. */
    public static List<Detector> all(Policy policy) {
        return all(policy, false);
    }

    /** @param live true for a live capture (detectors that need a warm-up take it) */
    public static List<Detector> all(Policy policy, boolean live) {
        return all(policy, live, 1.0);
    }

    /**
     * @param volumeScale byte thresholds times this: 1 for real traffic, the generator's
     *     {@code --volume-scale} for its scenarios (bulk sizes shrunk a thousandfold by default)
     */
    public static List<Detector> all(Policy policy, boolean live, double volumeScale) {
        return List.of(
                new UndeclaredPeerDetector(policy),
                new DeclarationConstraintDetector(policy),
                new NewDestinationDetector(policy),
                new BeaconDetector(policy),
                new DnsTunnelDetector(policy),
                new IcmpTunnelDetector(),
                new RemoteAccessDetector(policy),
                new LongConnectionDetector(policy),
                new DnsLessConnectionDetector(policy, live),
                new EncryptedDnsDetector(),
                new TlsAnomalyDetector(policy),
                new PortMismatchDetector(policy, BuiltInProtocols.ALL),
                new Ipv6TunnelDetector(policy),
                new SensitiveDataDetector(policy),
                new DnsPayloadDetector(),
                new NtpCovertDetector(),
                new BulkEgressDetector(policy, BulkEgressDetector.Thresholds.DEFAULTS.scaled(volumeScale)),
                new ImageVolumeDetector(),
                new SilentDeviceDetector(policy),
                new ForbiddenCountryDetector(policy, GeoDatabase.bundled()));
    }
}
