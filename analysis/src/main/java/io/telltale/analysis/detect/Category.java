package io.telltale.analysis.detect;

import java.util.Locale;

/** The one vocabulary of alert categories (DESIGN §6), shared with truth files, dashboard and SIEM formats. */
public enum Category {
    UNDECLARED_PEER, INTERNET_ACCESS, NEW_DESTINATION, DNS_LESS_CONNECTION, BEACONING, DNS_TUNNEL, DNS_EXFILTRATION,
    ICMP_TUNNEL, NTP_COVERT_CHANNEL, LONG_CONNECTION, BULK_EGRESS, REMOTE_ACCESS, REVERSE_SHELL, ENCRYPTED_DNS,
    PROTOCOL_PORT_MISMATCH, IPV6_TUNNEL, TLS_ANOMALY, CLEARTEXT_SENSITIVE_DATA, DICOM_UNDECLARED, DEVICE_SILENT,
    TELEMETRY_MISMATCH, SIGNATURE, IOC_MATCH,
    /** The sensor's own blind spot (appended last: a category's ordinal is its own SIEM signature id). */
    CAPTURE_GAP;

    private final String text = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** As written everywhere: lower case with hyphens ({@code dns-tunnel}). */
    public String text() {
        return text;
    }
}
