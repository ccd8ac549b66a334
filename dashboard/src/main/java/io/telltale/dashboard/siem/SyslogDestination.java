package io.telltale.dashboard.siem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * One SIEM receiver and everything about sending to it: where ({@code host:port} over UDP, TCP or
 * TLS), how messages are framed on a stream (octet counting or LF, RFC 6587), the header and
 * payload formats, the syslog facility, which alerts go (a minimum severity and, if not empty, only
 * these categories), a rate limit in alerts per second of packet time (0: none) with its burst, the
 * largest message, the TLS material, the spool's disk quota, and how long a written message must
 * stand on a healthy connection before it counts as delivered.
 */
public record SyslogDestination(
        String name,
        Transport transport,
        String host,
        int port,
        Framing framing,
        AlertEncoder.Header header,
        AlertEncoder.Payload payload,
        int facility,
        String minSeverity,
        Set<String> categories,
        double ratePerSecond,
        int rateBurst,
        int maxMessageBytes,
        TlsSettings tls,
        long spoolQuotaBytes,
        Duration confirmAfter,
        boolean bom) {

    public enum Transport {
        UDP, TCP, TLS;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Transport of(String text) {
            return Choices.of(Transport.class, "transport", text);
        }
    }

    public enum Framing {
        OCTET_COUNTING, LF;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Framing of(String text) {
            return Choices.of(Framing.class, "framing", text);
        }
    }

    /**
     * TLS client settings: the trust anchors (PEM; null trusts the system's), our certificate chain
     * and key (PEM, PKCS#8; both null for no client certificate), the name the server's certificate
     * must carry (default the host), and an optional pinned SHA-256 fingerprint of the server's
     * certificate (RFC 5425 §4.2.2's end-entity matching) in place of the name check.
     */
    public record TlsSettings(Path trustedCertificates, Path certificate, Path key, String serverName, String fingerprint) {
    }

    public SyslogDestination {
        categories = Set.copyOf(categories);
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("a destination's name is 1-64 letters, digits, '.', '_' or '-': " + name);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + ": port must be 1-65535, not " + port);
        }
        if (transport == Transport.TLS && tls == null) {
            tls = new TlsSettings(null, null, null, null, null);
        }
        int floor = switch (payload) {
            case EVE, ECS, OCSF -> 2048;
            default -> 480;
        };
        if (maxMessageBytes < floor) {
            throw new IllegalArgumentException(name + ": max-message-bytes " + maxMessageBytes + " is below " + floor
                    + ", the least a " + payload.name().toLowerCase(java.util.Locale.ROOT) + " message needs to stay whole");
        }
        if (transport == Transport.UDP && maxMessageBytes > 65507) {
            throw new IllegalArgumentException(name + ": a UDP datagram holds at most 65507 bytes");
        }
    }

    /** Defaults: octet counting, RFC 5424, local4, every severity and category, no rate limit, 8 KiB messages (2 KiB on UDP). */
    public static SyslogDestination of(String name, Transport transport, String host, int port, AlertEncoder.Payload payload) {
        return new SyslogDestination(name, transport, host, port, Framing.OCTET_COUNTING, AlertEncoder.Header.RFC5424, payload,
                20, "info", Set.of(), 0, 0, transport == Transport.UDP ? 2048 : 8192, null, 256L << 20,
                Duration.ofSeconds(1), payload == AlertEncoder.Payload.SYSLOG);
    }

    public SyslogDestination withFraming(Framing f) {
        return new SyslogDestination(name, transport, host, port, f, header, payload, facility, minSeverity, categories,
                ratePerSecond, rateBurst, maxMessageBytes, tls, spoolQuotaBytes, confirmAfter, bom);
    }

    public SyslogDestination withHeader(AlertEncoder.Header h) {
        return new SyslogDestination(name, transport, host, port, framing, h, payload, facility, minSeverity, categories,
                ratePerSecond, rateBurst, Math.min(maxMessageBytes, h == AlertEncoder.Header.RFC3164 && payload == AlertEncoder.Payload.SYSLOG
                        ? 1024 : maxMessageBytes), tls, spoolQuotaBytes, confirmAfter, bom);
    }

    public SyslogDestination withTls(TlsSettings t) {
        return new SyslogDestination(name, transport, host, port, framing, header, payload, facility, minSeverity, categories,
                ratePerSecond, rateBurst, maxMessageBytes, t, spoolQuotaBytes, confirmAfter, bom);
    }

    public SyslogDestination withFilter(String minimum, Set<String> only) {
        return new SyslogDestination(name, transport, host, port, framing, header, payload, facility, minimum, only,
                ratePerSecond, rateBurst, maxMessageBytes, tls, spoolQuotaBytes, confirmAfter, bom);
    }

    public SyslogDestination withRate(double perSecond, int burst) {
        return new SyslogDestination(name, transport, host, port, framing, header, payload, facility, minSeverity, categories,
                perSecond, burst, maxMessageBytes, tls, spoolQuotaBytes, confirmAfter, bom);
    }

    public SyslogDestination withMaxMessageBytes(int max) {
        return new SyslogDestination(name, transport, host, port, framing, header, payload, facility, minSeverity, categories,
                ratePerSecond, rateBurst, max, tls, spoolQuotaBytes, confirmAfter, bom);
    }

    public SyslogDestination withSpoolQuota(long bytes) {
        return new SyslogDestination(name, transport, host, port, framing, header, payload, facility, minSeverity, categories,
                ratePerSecond, rateBurst, maxMessageBytes, tls, bytes, confirmAfter, bom);
    }

    public SyslogDestination withConfirmAfter(Duration d) {
        return new SyslogDestination(name, transport, host, port, framing, header, payload, facility, minSeverity, categories,
                ratePerSecond, rateBurst, maxMessageBytes, tls, spoolQuotaBytes, d, bom);
    }

    public SyslogDestination withFacility(int f) {
        return new SyslogDestination(name, transport, host, port, framing, header, payload, f, minSeverity, categories,
                ratePerSecond, rateBurst, maxMessageBytes, tls, spoolQuotaBytes, confirmAfter, bom);
    }

    /** True when the receiver splits messages at line ends, so none may hold one. */
    public boolean singleLine() {
        return (transport != Transport.UDP && framing == Framing.LF) || header == AlertEncoder.Header.RFC3164;
    }

    /** The format's name as metrics and the configuration spell it. */
    public String formatName() {
        return payload.name().toLowerCase(java.util.Locale.ROOT);
    }
}
