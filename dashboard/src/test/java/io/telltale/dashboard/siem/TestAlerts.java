package io.telltale.dashboard.siem;

import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.AlertConnection;
import io.telltale.analysis.event.SignatureHit;
import java.util.List;

/** Alerts as the detectors make them, including one whose wire-derived strings are hostile. */
final class TestAlerts {

    /** An SNI an attacker chose: a newline and a second syslog message, quotes, brackets, '=', '|', '^', '%', a backslash, a tab. */
    static final String HOSTILE = "evil.example\n<13>1 2026-01-01T00:00:00Z forged app - - - injected\" ] [x=\"y\"] a=b|c^d%e\\f\tg \uFFFD";

    private TestAlerts() {
    }

    /** Alert number {@code n}: categories and severities vary, the id names n. */
    static Alert numbered(int n) {
        String[] categories = {"undeclared-peer", "beaconing", "dns-tunnel", "remote-access", "bulk-egress"};
        String[] severities = {"medium", "high", "critical", "low", "info"};
        String device = "10.1.2." + (3 + n % 5);
        String remote = "203.0.113." + (7 + n % 50);
        long ts = 1_741_944_413_123_456_000L + n * 1_000_000_000L;
        return new Alert(String.format("a%015d", n), ts, severities[n % 5], categories[n % 5],
                "Undeclared outbound connection from scanner " + device + " to " + remote + ":443",
                "the checkpoint-ct group declares no peer " + remote + "; alert " + n, device, "checkpoint-ct", remote,
                "update.example.cn", "policy", List.of("T1071.001", "T1041"), List.of(1000L + n), -1, "CN", 4134,
                "CHINANET", null,
                new AlertConnection(1000L + n, "tcp", device, 51544, remote, 443, "ssl", "1:8F+k3FW9sw+qHdJuORG0RliydI4="));
    }

    static Alert hostile() {
        return new Alert("hostile000000001", 1_741_944_413_123_000_000L, "high", "tls-anomaly", "Odd certificate for " + HOSTILE,
                "SNI " + HOSTILE, "10.1.2.3", null, "203.0.113.9", HOSTILE, "tls", List.of("T1573"), List.of(77L), 0.75,
                null, -1, null, new SignatureHit(1, 2_027_865, 3, "ET POLICY odd", "policy-violation", "tls.sni", HOSTILE),
                new AlertConnection(77L, "tcp", "10.1.2.3", 40000, "203.0.113.9", 443, "ssl", null));
    }
}
