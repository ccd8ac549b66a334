package io.telltale.analysis.event;

/**
 * What a dissector says about one message or transaction of a flow. The record types live in this
 * package because a sealed hierarchy must stay in one package outside a named module.
 */
public sealed interface ProtocolRecord extends MonitorEvent permits ArpRecord, Dhcp6Record, DhcpRecord, DicomRecord, DnsRecord, FtpRecord, HttpRecord, IcmpRecord, NtpRecord, QuicRecord, RuleMatchRecord, SmbRecord, SensitiveDataRecord, SmtpRecord, SshRecord, TlsRecord, WeirdRecord, X509Record {

    /** Id of the flow it belongs to (the base of the flow's uid). */
    long flowId();

    /** Packet time of the message that started it. */
    long timestampNanos();

    /** The flow's endpoints, as its flow record names them. */
    String originatorHost();

    int originatorPort();

    String responderHost();

    int responderPort();
}
