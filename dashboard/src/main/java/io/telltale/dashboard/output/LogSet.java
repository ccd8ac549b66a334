package io.telltale.dashboard.output;

import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.event.MonitorEvent;
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
    private final DnsLogWriter dns;
    private final SshLogWriter ssh;
    private final SslLogWriter ssl;
    private final HttpLogWriter http;
    private final DicomLogWriter dicom;
    private long tlsRecords;
    private long httpRecords;
    private long dicomRecords;
    private long flows;
    private long dnsRecords;
    private long sshRecords;

    public LogSet(Path directory, boolean json, Clock clock) throws IOException {
        this.conn = json ? new JsonLinesFlowWriter(directory.resolve("conn.jsonl"))
                : new ZeekConnLogWriter(directory.resolve("conn.log"), clock);
        this.dns = json ? DnsLogWriter.jsonLines(directory.resolve("dns.jsonl"))
                : DnsLogWriter.zeek(directory.resolve("dns.log"), clock);
        this.ssh = json ? SshLogWriter.jsonLines(directory.resolve("ssh.jsonl"))
                : SshLogWriter.zeek(directory.resolve("ssh.log"), clock);
        this.ssl = json ? SslLogWriter.jsonLines(directory.resolve("ssl.jsonl"))
                : SslLogWriter.zeek(directory.resolve("ssl.log"), clock);
        this.http = json ? HttpLogWriter.jsonLines(directory.resolve("http.jsonl"))
                : HttpLogWriter.zeek(directory.resolve("http.log"), clock);
        this.dicom = json ? DicomLogWriter.jsonLines(directory.resolve("dicom.jsonl"))
                : DicomLogWriter.zeek(directory.resolve("dicom.log"), clock);
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

    /** Where conn.log went, for the summary. */
    public String connDestination() {
        return conn.destination();
    }

    @Override
    public void close() throws IOException {
        try (conn; dns; ssh; ssl; http; dicom) {
            // both closed, the second even if the first fails
        }
    }
}
