package io.telltale.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.event.Alert;
import io.telltale.analysis.policy.Policy;
import io.telltale.testdata.Recordings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Traffic the detectors were not tuned on: the real tools recorded in the namespace lab (recordings
 * README), read with a policy that declares nothing. Each raises the alert of its kind.
 */
class RealToolsDetectionTest {

    @Test
    void eachRealToolRaisesItsAlert() {
        Map<String, String> expected = Map.of(
                "iodine-dns-tunnel.pcap", "dns-tunnel",
                "dns2tcp-dns-tunnel.pcap", "dns-tunnel",
                "ptunnel-icmp-tunnel.pcap", "icmp-tunnel",
                "socat-reverse-shell.pcap", "reverse-shell",
                "ssh-reverse-tunnel.pcap", "remote-access",
                "tor-bridge-link.pcap", "remote-access",
                "curl-tls-beacon.pcap", "tls-anomaly");
        expected.forEach((file, category) -> {
            List<Alert> alerts = DetectionEvaluationTest.alerts(Recordings.path(file), Policy.empty());
            assertThat(alerts).as(file).anyMatch(a -> a.category().equals(category));
        });
    }
}
