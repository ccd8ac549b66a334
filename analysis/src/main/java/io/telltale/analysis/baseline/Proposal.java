package io.telltale.analysis.baseline;

import java.util.List;

/**
 * One declaration proposed from what was seen, with the evidence a reviewer needs: how many
 * conversations, when, how much, and what the detectors said about the same device and remote end.
 *
 * @param to a group name or an address block
 * @param names the DNS names, TLS server names, HTTP hosts or called AE titles seen (the constraint the
 *     declaration will carry), by the key it goes under ({@code dns_names}, {@code tls_sni}, ...)
 * @param alerts categories and severities raised on the same device and remote end ({@code beaconing:critical})
 */
public record Proposal(String from, String to, String protocol, String transport, int port, String namesKey,
                       List<String> names, long flows, long firstNanos, long lastNanos, long bytesOut, long bytesIn,
                       List<String> alerts) {

    public Proposal {
        names = List.copyOf(names);
        alerts = alerts.stream().sorted().distinct().toList();
    }
}
