package io.telltale.dashboard.output;

import io.telltale.analysis.dissect.dhcp.DhcpTransaction;
import io.telltale.analysis.dissect.dhcp.DhcpTransactions;
import io.telltale.analysis.event.Dhcp6Record;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.ArpRecord;
import io.telltale.analysis.event.SensitiveDataRecord;
import io.telltale.analysis.event.AssetChange;
import io.telltale.analysis.event.DhcpRecord;
import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.FtpRecord;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.event.IcmpRecord;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.NtpRecord;
import io.telltale.analysis.event.QuicRecord;
import io.telltale.analysis.event.SmbRecord;
import io.telltale.analysis.event.SmtpRecord;
import io.telltale.analysis.event.SshRecord;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.event.WeirdRecord;
import io.telltale.analysis.event.X509Record;
import io.telltale.capture.flow.FlowRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logs of one {@code telltale read}: conn.log and a log per protocol, in Zeek's TSV or JSON
 * lines, all in one directory and joined by uid. An {@link EventSink}: every event goes to its log.
 */
public final class LogSet implements EventSink, Closeable {

    private final FlowRecordWriter conn;
    private final RecordLogWriter<DnsRecord> dns;
    private final RecordLogWriter<SshRecord> ssh;
    private final RecordLogWriter<TlsRecord> ssl;
    private final RecordLogWriter<HttpRecord> http;
    private final RecordLogWriter<DicomRecord> dicom;
    private final RecordLogWriter<NtpRecord> ntp;
    private final RecordLogWriter<X509Record> x509;
    private final RecordLogWriter<IcmpRecord> icmp;
    private final RecordLogWriter<QuicRecord> quic;
    private final RecordLogWriter<WeirdRecord> weird;
    private final RecordLogWriter<SmbRecord> smb;
    private final RecordLogWriter<SmbLog.Part<SmbRecord.Login>> ntlm;
    private final RecordLogWriter<SmbLog.Part<SmbRecord.Share>> smbMapping;
    private final RecordLogWriter<SmbLog.Part<SmbRecord.FileOpen>> smbFiles;
    private final RecordLogWriter<FtpRecord> ftp;
    private final RecordLogWriter<Dhcp6Record> dhcp6;
    private final RecordLogWriter<SmtpRecord> smtp;
    private final RecordLogWriter<DhcpTransaction> dhcp;
    private final RecordLogWriter<SensitiveDataRecord> sensitive;
    private final AlertLog alerts;
    private final AssetLog assetChanges;
    /** DHCP messages join into exchanges across flows before they are written. */
    private final DhcpTransactions dhcpExchanges;
    private long flows;
    private long arpBindings;
    private long unwritable;
    private String firstUnwritable;

    public LogSet(Path directory, boolean json, Clock clock) throws IOException {
        this(directory, json, clock, false);
    }

    /** @param payloadStats write each direction's payload statistics into conn.log or conn.jsonl */
    public LogSet(Path directory, boolean json, Clock clock, boolean payloadStats) throws IOException {
        this.conn = json ? new JsonLinesFlowWriter(directory.resolve("conn.jsonl"), payloadStats)
                : new ZeekConnLogWriter(directory.resolve("conn.log"), clock, payloadStats);
        this.dns = RecordLogWriter.open(directory, "dns", json, DnsLog.COLUMNS, clock);
        this.ssh = RecordLogWriter.open(directory, "ssh", json, SshLog.COLUMNS, clock);
        this.ssl = RecordLogWriter.open(directory, "ssl", json, SslLog.COLUMNS, clock);
        this.http = RecordLogWriter.open(directory, "http", json, HttpLog.COLUMNS, clock);
        this.dicom = RecordLogWriter.open(directory, "dicom", json, DicomLog.COLUMNS, clock);
        this.ntp = RecordLogWriter.open(directory, "ntp", json, NtpLog.COLUMNS, clock);
        this.x509 = RecordLogWriter.open(directory, "x509", json, X509Log.COLUMNS, clock);
        this.icmp = RecordLogWriter.open(directory, "icmp", json, IcmpLog.COLUMNS, clock);
        this.quic = RecordLogWriter.open(directory, "quic", json, QuicLog.COLUMNS, clock);
        this.weird = RecordLogWriter.open(directory, "weird", json, WeirdLog.COLUMNS, clock);
        this.smb = RecordLogWriter.open(directory, "smb", json, SmbLog.CONNECTIONS, clock);
        this.ntlm = RecordLogWriter.open(directory, "ntlm", json, SmbLog.NTLM, clock);
        this.smbMapping = RecordLogWriter.open(directory, "smb_mapping", json, SmbLog.MAPPING, clock);
        this.smbFiles = RecordLogWriter.open(directory, "smb_files", json, SmbLog.FILES, clock);
        this.ftp = RecordLogWriter.open(directory, "ftp", json, FtpLog.COLUMNS, clock);
        this.dhcp6 = RecordLogWriter.open(directory, "dhcpv6", json, Dhcp6Log.COLUMNS, clock);
        this.smtp = RecordLogWriter.open(directory, "smtp", json, SmtpLog.COLUMNS, clock);
        this.dhcp = RecordLogWriter.open(directory, "dhcp", json, DhcpLog.COLUMNS, clock);
        this.sensitive = RecordLogWriter.open(directory, "sensitive_data", json, SensitiveDataLog.COLUMNS, clock);
        this.alerts = new AlertLog(directory.resolve("alerts.jsonl"));
        this.assetChanges = new AssetLog(directory.resolve("asset-changes.jsonl"));
        this.dhcpExchanges = new DhcpTransactions(t -> {
            try {
                dhcp.write(t);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void accept(MonitorEvent event) {
        try {
            switch (event) {
                case FlowEvent(FlowRecord record) -> {
                    conn.write(record);
                    flows++;
                }
                case DnsRecord record -> dns.write(record);
                case SshRecord record -> ssh.write(record);
                case TlsRecord record -> ssl.write(record);
                case HttpRecord record -> http.write(record);
                case DicomRecord record -> dicom.write(record);
                case NtpRecord record -> ntp.write(record);
                case X509Record record -> x509.write(record);
                case IcmpRecord record -> icmp.write(record);
                case QuicRecord record -> quic.write(record);
                case WeirdRecord record -> weird.write(record);
                case SmbRecord record -> writeSmb(record);
                case FtpRecord record -> ftp.write(record);
                case Dhcp6Record record -> dhcp6.write(record);
                case SmtpRecord record -> smtp.write(record);
                case DhcpRecord record -> dhcpExchanges.accept(record);
                case SensitiveDataRecord record -> sensitive.write(record);
                case ArpRecord record -> arpBindings++; // the asset inventory's; Zeek writes no ARP log by default
                case io.telltale.analysis.event.RuleMatchRecord record -> {
                    // the signature detector's: what it means is in the alert it raises
                }
                case Alert alert -> alerts.write(alert);
                case AssetChange change -> assetChanges.write(change);
            }
        } catch (IOException | UncheckedIOException e) {
            throw e instanceof IOException io ? new UncheckedIOException(io) : (UncheckedIOException) e;
        } catch (RuntimeException e) {
            // A record our writers cannot format is a bug in them, not a reason to stop reading: it is
            // counted, the first is kept for the summary, and every other record is still written.
            if (unwritable++ == 0) {
                firstUnwritable = event.getClass().getSimpleName() + ": " + e;
            }
        }
    }

    /** An SMB connection: its summary, then its login, shares and opens, each a row of Zeek's logs. */
    private void writeSmb(SmbRecord record) throws IOException {
        smb.write(record);
        if (record.login() != null) {
            ntlm.write(new SmbLog.Part<>(record, record.login()));
        }
        for (SmbRecord.Share share : record.shares()) {
            smbMapping.write(new SmbLog.Part<>(record, share));
        }
        for (SmbRecord.FileOpen open : record.opens()) {
            smbFiles.write(new SmbLog.Part<>(record, open));
        }
    }

    /** Records no writer could format (a bug to report), and the first of them. */
    public long unwritable() {
        return unwritable;
    }

    public String firstUnwritable() {
        return firstUnwritable;
    }

    /** Records written to each protocol log so far, by log name, in a fixed order (SMB once: its ntlm, mapping and files rows are parts of its connections). */
    public Map<String, Long> protocolRecords() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RecordLogWriter<?> log : List.of(dns, http, ssl, x509, quic, ssh, smb, ftp, smtp, ntp, dhcp, dhcp6, dicom, icmp)) {
            counts.put(log.name(), log.written());
        }
        return counts;
    }

    /** Several workers read a file: DHCP messages, whose order across workers has no bound, are joined at its end. */
    public void joinDhcpAtEnd() {
        dhcpExchanges.holdUntilEnd();
    }

    /**
     * Creates the files that are otherwise made on their first line (alerts.jsonl,
     * asset-changes.jsonl): a capture that gives up its privileges may not create files later.
     */
    public void openAll() throws IOException {
        alerts.open();
        assetChanges.open();
    }

    /**
     * The flush point (a second of live capture, the end of a file): alerts are buffered in between,
     * as a write per alert was a tenth of an alert storm's cost.
     */
    @Override
    public void endOfBatch() {
        try {
            alerts.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The input ended: exchanges still being joined across flows are written now. */
    public void endOfInput() {
        dhcpExchanges.finish();
    }

    public long flows() {
        return flows;
    }

    /** Alerts written to alerts.jsonl. */
    public long alerts() {
        return alerts.written();
    }

    /** Where conn.log went, for the summary. */
    public String connDestination() {
        return conn.destination();
    }

    @Override
    public void close() throws IOException {
        try (conn; alerts; assetChanges; sensitive; dns; ssh; ssl; x509; quic; http; smb; ntlm; smbMapping; smbFiles; ftp; smtp; dicom; ntp; dhcp; dhcp6; icmp; weird) {
            dhcpExchanges.finish();
            // all closed, the second even if the first fails
        }
    }
}
