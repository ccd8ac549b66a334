package io.telltale.analysis.asset;

import java.util.List;

/**
 * One device of the site as the monitor knows it. Absent facts are null (or empty lists); times are
 * nanoseconds since 1970.
 *
 * @param otherAddresses the device's other addresses (the same MAC), IPv4 and IPv6; at most 16 (a router or a flood of
 *     spoofed sources has thousands)
 * @param services the services it answered on, as {@code service/port} ({@code dicom/11112})
 * @param bytesSentPerDay bytes it sent per UTC day ({@code 2026-03-02}), oldest first
 * @param peers how many distinct addresses it started conversations with
 */
public record Asset(String address, List<String> otherAddresses, String mac, String vendor, String hostName, String vendorClass,
                    List<Integer> dhcpParameters, List<String> aeTitles, List<String> services, List<String> groups,
                    long firstSeenNanos, long lastSeenNanos, long flowsStarted, long flowsAnswered, long bytesSent,
                    long bytesReceived, java.util.Map<String, Long> bytesSentPerDay, int peers) {

    public Asset {
        dhcpParameters = dhcpParameters == null ? List.of() : List.copyOf(dhcpParameters);
        otherAddresses = List.copyOf(otherAddresses);
        bytesSentPerDay = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bytesSentPerDay));
        aeTitles = List.copyOf(aeTitles);
        services = List.copyOf(services);
        groups = List.copyOf(groups);
    }
}
