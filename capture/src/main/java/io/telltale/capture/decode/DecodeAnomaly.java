package io.telltale.capture.decode;

import java.util.Locale;

/**
 * Everything that can be wrong with a packet's headers. Each is counted and reported by its
 * {@link #label()} ({@code decode.anomalies{kind=truncated_ip_header}}); none is ever thrown.
 */
public enum DecodeAnomaly {
    UNKNOWN_LINK_TYPE,
    TRUNCATED_LINK_HEADER,
    TOO_MANY_VLAN_TAGS,
    TRUNCATED_MPLS,
    MPLS_UNKNOWN_PAYLOAD,
    PPPOE_UNKNOWN_PROTOCOL,
    TRUNCATED_IP_HEADER,
    BAD_IP_VERSION,
    BAD_IPV4_HEADER_LENGTH,
    BAD_IP_TOTAL_LENGTH,
    TRUNCATED_IP,
    TRUNCATED_IPV6_EXTENSION,
    TOO_MANY_IPV6_EXTENSIONS,
    FRAGMENT_OVERLAP,
    FRAGMENT_TOO_LARGE,
    FRAGMENT_TABLE_FULL,
    FRAGMENT_EXPIRED,
    FRAGMENT_INCONSISTENT,
    TRUNCATED_TCP_HEADER,
    BAD_TCP_HEADER_LENGTH,
    BAD_TCP_OPTION,
    TRUNCATED_UDP_HEADER,
    UDP_LENGTH_MISMATCH,
    TRUNCATED_ICMP_HEADER,
    TRUNCATED_GRE,
    GRE_UNSUPPORTED,
    TRUNCATED_TUNNEL,
    TUNNEL_TOO_DEEP,
    BAD_IP_CHECKSUM,
    BAD_TCP_CHECKSUM,
    BAD_UDP_CHECKSUM,
    BAD_ICMP_CHECKSUM;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The name used in summaries and metrics. */
    public String label() {
        return label;
    }
}
