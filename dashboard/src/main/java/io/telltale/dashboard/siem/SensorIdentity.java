package io.telltale.dashboard.siem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who is speaking, as every message names it: the sensor's host name (RFC 5424 HOSTNAME, CEF
 * {@code dvchost}), its management address when configured (CEF {@code dvc}; null when not), the
 * application name and process id, vendor, product and version (CEF and LEEF headers, ECS
 * {@code observer}), and the IANA Private Enterprise Number that makes our SD-IDs private
 * ({@code alert@PEN}). 32473 is the number RFC 5612 reserves for documentation: a site that
 * registers its own sets it in the configuration.
 */
public record SensorIdentity(String hostname, String address, String appName, String procId, String vendor,
                             String product, String version, int enterpriseNumber) {

    public static final int DOCUMENTATION_PEN = 32473;

    /**
     * This machine: the kernel's host name (read from /proc, never looked up in DNS: the appliance
     * makes no lookups of its own), this process's id, and the version in the jar's manifest.
     */
    public static SensorIdentity local() {
        String version = SensorIdentity.class.getPackage().getImplementationVersion();
        return new SensorIdentity(kernelHostname(), null, "telltale", Long.toString(ProcessHandle.current().pid()),
                "Telltale", "Telltale", version == null ? "development" : version, DOCUMENTATION_PEN);
    }

    public SensorIdentity withHostname(String name) {
        return new SensorIdentity(name, address, appName, procId, vendor, product, version, enterpriseNumber);
    }

    public SensorIdentity withAddress(String ip) {
        return new SensorIdentity(hostname, ip, appName, procId, vendor, product, version, enterpriseNumber);
    }

    public SensorIdentity withEnterpriseNumber(int pen) {
        return new SensorIdentity(hostname, address, appName, procId, vendor, product, version, pen);
    }

    /** The host name without its domain, as RFC 3164 and ECS {@code observer.name} want it. */
    public String shortHostname() {
        int dot = hostname.indexOf('.');
        return dot > 0 ? hostname.substring(0, dot) : hostname;
    }

    private static String kernelHostname() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            return name.isEmpty() ? "localhost" : name;
        } catch (IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
