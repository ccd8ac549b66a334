package io.telltale.dashboard.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.telltale.analysis.dissect.dhcp.DhcpTransaction;
import io.telltale.analysis.dissect.dhcp.DhcpTransactions;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.ArpRecord;
import io.telltale.analysis.event.AssetChange;
import io.telltale.analysis.event.Dhcp6Record;
import io.telltale.analysis.event.DhcpRecord;
import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.FtpRecord;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.event.IcmpRecord;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.NtpRecord;
import io.telltale.analysis.event.QuicRecord;
import io.telltale.analysis.event.RuleMatchRecord;
import io.telltale.analysis.event.SensitiveDataRecord;
import io.telltale.analysis.event.SmbRecord;
import io.telltale.analysis.event.SmtpRecord;
import io.telltale.analysis.event.SshRecord;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.event.WeirdRecord;
import io.telltale.analysis.event.X509Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Any event as one JSON object of its log ({@code conn}, {@code dns}, …, {@code alert},
 * {@code asset_change}), with the same fields as the log files (Zeek's names for Zeek's logs), and
 * its log's name as the first field {@code _path}, as Zeek's JSON streaming does — for sinks that
 * carry many kinds in one stream (a Kafka topic, a rotated JSON-lines file). DHCP messages are joined
 * into exchanges first, as dhcp.log joins them; ARP and rule matches have no log of their own. One
 * encoder per thread: it reuses its buffer.
 */
public final class EventJson {

    /**
     * Receives each encoded object: its log's name, the device it is about (a flow's local end, a
     * protocol record's originator, an alert's device, a DHCP client; null when unknown) and its
     * UTF-8 bytes.
     */
    @FunctionalInterface
    public interface Target {
        void accept(String log, String device, byte[] json);
    }

    private final JsonFactory factory = new com.fasterxml.jackson.databind.ObjectMapper().getFactory(); // with a codec: asset changes are trees
    private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
    private final DhcpTransactions dhcp;
    private final boolean payloadStats;
    private Target target;

    public EventJson(boolean payloadStats) {
        this.payloadStats = payloadStats;
        this.dhcp = new DhcpTransactions(t -> emit("dhcp", t.clientAddress(), g -> RecordLogWriter.writeObject(g, DhcpLog.COLUMNS, t)));
    }

    /** Encodes one event (an SMB record may give several objects, a DHCP message none until its exchange ends). */
    public void encode(MonitorEvent event, Target to) {
        target = to;
        switch (event) {
            case FlowEvent(var r) -> emit("conn", Boolean.FALSE.equals(r.localOriginator()) ? r.responderHost() : r.originatorHost(),
                    g -> JsonLinesFlowWriter.write(g, r, payloadStats));
            case DnsRecord r -> columns("dns", r, DnsLog.COLUMNS);
            case SshRecord r -> columns("ssh", r, SshLog.COLUMNS);
            case TlsRecord r -> columns("ssl", r, SslLog.COLUMNS);
            case HttpRecord r -> columns("http", r, HttpLog.COLUMNS);
            case DicomRecord r -> columns("dicom", r, DicomLog.COLUMNS);
            case NtpRecord r -> columns("ntp", r, NtpLog.COLUMNS);
            case X509Record r -> columns("x509", r, X509Log.COLUMNS);
            case IcmpRecord r -> columns("icmp", r, IcmpLog.COLUMNS);
            case QuicRecord r -> columns("quic", r, QuicLog.COLUMNS);
            case WeirdRecord r -> columns("weird", r, WeirdLog.COLUMNS);
            case FtpRecord r -> columns("ftp", r, FtpLog.COLUMNS);
            case Dhcp6Record r -> columns("dhcpv6", r, Dhcp6Log.COLUMNS);
            case SmtpRecord r -> columns("smtp", r, SmtpLog.COLUMNS);
            case SensitiveDataRecord r -> columns("sensitive_data", r, SensitiveDataLog.COLUMNS);
            case SmbRecord r -> {
                columns("smb", r, SmbLog.CONNECTIONS);
                String device = r.originatorHost();
                if (r.login() != null) {
                    emit("ntlm", device, g -> RecordLogWriter.writeObject(g, SmbLog.NTLM, new SmbLog.Part<>(r, r.login())));
                }
                for (SmbRecord.Share share : r.shares()) {
                    emit("smb_mapping", device, g -> RecordLogWriter.writeObject(g, SmbLog.MAPPING, new SmbLog.Part<>(r, share)));
                }
                for (SmbRecord.FileOpen open : r.opens()) {
                    emit("smb_files", device, g -> RecordLogWriter.writeObject(g, SmbLog.FILES, new SmbLog.Part<>(r, open)));
                }
            }
            case DhcpRecord r -> dhcp.accept(r);
            case Alert a -> emit("alert", a.deviceAddress(), g -> AlertLog.write(g, a));
            case AssetChange c -> emit("asset_change", c.address(), g -> g.writeTree(AssetLog.json(c)));
            case ArpRecord r -> {
                // the asset inventory's; no log
            }
            case RuleMatchRecord r -> {
                // its meaning is in the alert it raises
            }
        }
    }

    /** The input ended: DHCP exchanges still open are written. */
    public void finish(Target to) {
        target = to;
        dhcp.finish();
    }

    private <R extends io.telltale.analysis.event.ProtocolRecord> void columns(String log, R record, List<LogColumn<R>> columns) {
        emit(log, record.originatorHost(), g -> RecordLogWriter.writeObject(g, columns, record));
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private void emit(String log, String device, Body body) {
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte buffer does not fail
        }
        byte[] object = buffer.toByteArray();
        byte[] head = ("{\"_path\":\"" + log + "\"" + (object.length > 2 ? "," : "")).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] json = new byte[head.length + object.length - 1];
        System.arraycopy(head, 0, json, 0, head.length);
        System.arraycopy(object, 1, json, head.length, object.length - 1);
        target.accept(log, device, json);
    }
}
