package io.telltale.testdata.scenario;

import java.time.Instant;
import java.util.List;

/**
 * What a scenario put into its capture, for tests and detectors to be measured against: the scenario,
 * its label, the device, the remote end, the alert categories a monitor should raise (DESIGN §6's
 * vocabulary) and at least which severity, the ATT&CK techniques, the time window, and what a
 * measurement of the capture must find there (connections, bytes each way, the interval between
 * connections). Anomalies the scenario makes on purpose are named.
 */
public record Truth(
        String scenario,
        String title,
        String label,
        String device,
        String deviceAddress,
        Remote remote,
        List<String> categories,
        String minSeverity,
        List<String> attack,
        Instant windowStart,
        Instant windowEnd,
        Expect expect,
        List<String> anomalies) {

    public Truth {
        categories = List.copyOf(categories);
        attack = List.copyOf(attack);
        anomalies = List.copyOf(anomalies);
    }

    /**
     * The far end: an address (or null when only a name is fixed), a DNS name if the device looks one
     * up, the transport ({@code tcp}, {@code udp}, {@code icmp}, {@code ipv6}) and port (0 for none).
     */
    public record Remote(String address, String domain, String transport, int port) {
    }

    /**
     * Ranges a measurement of the capture must fall in, over the traffic between the device and the
     * remote end in the window: how many of {@code unit} ({@code flows}; {@code requests}, packets the
     * device sends to the remote end, for DNS, NTP and ICMP), payload bytes sent by the device and
     * received by it, and the mean seconds between units (0 when not periodic) within a relative
     * tolerance.
     */
    public record Expect(String unit, long countMin, long countMax, long bytesOutMin, long bytesOutMax, long bytesInMin,
                         long bytesInMax, double meanIntervalSeconds, double intervalTolerance) {

        public static final String FLOWS = "flows";
        public static final String REQUESTS = "requests";
    }
}
