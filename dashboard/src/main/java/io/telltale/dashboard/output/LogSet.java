package io.telltale.dashboard.output;

import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.NtpRecord;
import io.telltale.analysis.event.SshRecord;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.capture.flow.FlowRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

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
    private long flows;
    private long dnsRecords;
    private long sshRecords;
    private long tlsRecords;
    private long httpRecords;
    private long dicomRecords;
    private long ntpRecords;

    public LogSet(Path directory, boolean json, Clock clock) throws IOException {
        this.conn = json ? new JsonLinesFlowWriter(directory.resolve("conn.jsonl"))
                : new ZeekConnLogWriter(directory.resolve("conn.log"), clock);
        this.dns = RecordLogWriter.open(directory, "dns", json, DnsLog.COLUMNS, clock);
        this.ssh = RecordLogWriter.open(directory, "ssh", json, SshLog.COLUMNS, clock);
        this.ssl = RecordLogWriter.open(directory, "ssl", json, SslLog.COLUMNS, clock);
        this.http = RecordLogWriter.open(directory, "http", json, HttpLog.COLUMNS, clock);
        this.dicom = RecordLogWriter.open(directory, "dicom", json, DicomLog.COLUMNS, clock);
        this.ntp = RecordLogWriter.open(directory, "ntp", json, NtpLog.COLUMNS, clock);
    }

    @Override
    public void accept(MonitorEvent event) {
        try {
            switch (event) {
                case FlowEvent(FlowRecord record) -> {
                    conn.write(record);
                    flows++;
                }
                case DnsRecord record -> {
                    dns.write(record);
                    dnsRecords++;
                }
                case SshRecord record -> {
                    ssh.write(record);
                    sshRecords++;
                }
                case TlsRecord record -> {
                    ssl.write(record);
                    tlsRecords++;
                }
                case HttpRecord record -> {
                    http.write(record);
                    httpRecords++;
                }
                case DicomRecord record -> {
                    dicom.write(record);
                    dicomRecords++;
                }
                case NtpRecord record -> {
                    ntp.write(record);
                    ntpRecords++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long flows() {
        return flows;
    }

    public long dnsRecords() {
        return dnsRecords;
    }

    public long sshRecords() {
        return sshRecords;
    }

    public long tlsRecords() {
        return tlsRecords;
    }

    public long httpRecords() {
        return httpRecords;
    }

    public long dicomRecords() {
        return dicomRecords;
    }

    public long ntpRecords() {
        return ntpRecords;
    }

    /** Where conn.log went, for the summary. */
    public String connDestination() {
        return conn.destination();
    }

    @Override
    public void close() throws IOException {
        try (conn; dns; ssh; ssl; http; dicom; ntp) {
            // both closed, the second even if the first fails
        }
    }
}
