package io.telltale.dashboard.output;

import io.telltale.capture.flow.FlowRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes {@code conn.log} exactly as Zeek's ASCII writer does: the header lines, tab-separated
 * columns named as Zeek names them, {@code -} for unset, {@code (empty)} for an empty set. After
 * Zeek's own columns come {@code community_id}, {@code vlan} and {@code inner_vlan}, as Zeek's policy
 * scripts add them; readers that go by the {@code #fields} line take them or leave them.
 */
public final class ZeekConnLogWriter implements FlowRecordWriter {

    static final List<String> FIELDS = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p",
            "proto", "service", "duration", "orig_bytes", "resp_bytes", "conn_state", "local_orig", "local_resp",
            "missed_bytes", "history", "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes", "tunnel_parents",
            "ip_proto", "community_id", "vlan", "inner_vlan");
    static final List<String> TYPES = List.of("time", "string", "addr", "port", "addr", "port", "enum", "string",
            "interval", "count", "count", "string", "bool", "bool", "count", "string", "count", "count", "count",
            "count", "set[string]", "count", "string", "int", "int");
    private static final DateTimeFormatter OPEN_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");
    private static final String UNSET = "-";

    private final Path path;
    private final Writer out;
    private final Clock clock;

    public ZeekConnLogWriter(Path path, Clock clock) throws IOException {
        this.path = path;
        this.clock = clock;
        this.out = new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 1 << 16);
        out.write("#separator \\x09\n");
        out.write("#set_separator\t,\n");
        out.write("#empty_field\t(empty)\n");
        out.write("#unset_field\t-\n");
        out.write("#path\tconn\n");
        out.write("#open\t" + LocalDateTime.now(clock).format(OPEN_FORMAT) + "\n");
        out.write("#fields\t" + String.join("\t", FIELDS) + "\n");
        out.write("#types\t" + String.join("\t", TYPES) + "\n");
    }

    @Override
    public void write(FlowRecord r) throws IOException {
        StringBuilder line = new StringBuilder(256);
        line.append(ZeekText.seconds(r.startNanos())).append('\t')
                .append(r.uid()).append('\t')
                .append(r.originatorHost()).append('\t')
                .append(r.originatorPort()).append('\t')
                .append(r.responderHost()).append('\t')
                .append(r.responderPort()).append('\t')
                .append(r.transport()).append('\t')
                .append(r.service() == null ? UNSET : ZeekText.tsvString(r.service())).append('\t')
                .append(r.durationNanos() < 0 ? UNSET : ZeekText.interval(r.startNanos(), r.durationNanos())).append('\t')
                .append(r.originatorBytes() < 0 ? UNSET : Long.toString(r.originatorBytes())).append('\t')
                .append(r.responderBytes() < 0 ? UNSET : Long.toString(r.responderBytes())).append('\t')
                .append(r.connState()).append('\t')
                .append(bool(r.localOriginator())).append('\t')
                .append(bool(r.localResponder())).append('\t')
                .append(r.missedBytes()).append('\t')
                .append(r.history().isEmpty() ? UNSET : ZeekText.tsvString(r.history())).append('\t')
                .append(r.originatorPackets()).append('\t')
                .append(r.originatorIpBytes()).append('\t')
                .append(r.responderPackets()).append('\t')
                .append(r.responderIpBytes()).append('\t')
                .append(r.tunnelParents().isEmpty() ? UNSET : String.join(",", r.tunnelParents())).append('\t')
                .append(r.ipProtocol()).append('\t')
                .append(r.communityId()).append('\t')
                .append(r.vlan() < 0 ? UNSET : Integer.toString(r.vlan())).append('\t')
                .append(r.innerVlan() < 0 ? UNSET : Integer.toString(r.innerVlan())).append('\n');
        out.write(line.toString());
    }

    private static String bool(Boolean value) {
        return value == null ? UNSET : value ? "T" : "F";
    }

    @Override
    public String destination() {
        return path.toString();
    }

    @Override
    public void close() throws IOException {
        out.write("#close\t" + LocalDateTime.now(clock).format(OPEN_FORMAT) + "\n");
        out.close();
    }
}
