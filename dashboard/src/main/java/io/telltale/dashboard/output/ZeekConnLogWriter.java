package io.telltale.dashboard.output;

import io.telltale.capture.flow.Addresses;
import io.telltale.capture.flow.FlowIds;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.capture.flow.PayloadStats;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 * scripts add them, then ours: per direction the entropy of the first payload bytes and the mean and
 * deviation of payload size and of the gap between packets. Readers that go by the {@code #fields}
 * line take them or leave them.
 */
public final class ZeekConnLogWriter implements FlowRecordWriter {

    static final List<String> FIELDS = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p",
            "proto", "service", "duration", "orig_bytes", "resp_bytes", "conn_state", "local_orig", "local_resp",
            "missed_bytes", "history", "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes", "tunnel_parents",
            "ip_proto", "community_id", "vlan", "inner_vlan");
    /** The payload statistics columns, written with {@code --payload-stats}. */
    static final List<String> STATS_FIELDS = List.of("orig_entropy", "resp_entropy", "orig_size_mean", "orig_size_sd",
            "resp_size_mean", "resp_size_sd", "orig_iat_mean", "orig_iat_sd", "resp_iat_mean", "resp_iat_sd");
    static final List<String> TYPES = List.of("time", "string", "addr", "port", "addr", "port", "enum", "string",
            "interval", "count", "count", "string", "bool", "bool", "count", "string", "count", "count", "count",
            "count", "set[string]", "count", "string", "int", "int");
    static final List<String> STATS_TYPES = List.of("double", "double", "double", "double", "double", "double",
            "interval", "interval", "interval", "interval");
    private static final DateTimeFormatter OPEN_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");
    private static final String UNSET = "-";

    private final Path path;
    private final OutputStream out;
    private final Clock clock;
    /** Reused for every line: fields are appended here, then copied out as ASCII bytes. */
    private final StringBuilder line = new StringBuilder(512);
    private byte[] bytes = new byte[512];
    private final boolean payloadStats;

    public ZeekConnLogWriter(Path path, Clock clock) throws IOException {
        this(path, clock, false);
    }

    /**
     * @param payloadStats add the payload statistics columns: about a microsecond more per record, which
     *     on a capture of short flows is a tenth of the whole read
     */
    public ZeekConnLogWriter(Path path, Clock clock, boolean payloadStats) throws IOException {
        this.path = path;
        this.clock = clock;
        this.payloadStats = payloadStats;
        this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        text("#separator \\x09\n");
        text("#set_separator\t,\n");
        text("#empty_field\t(empty)\n");
        text("#unset_field\t-\n");
        text("#path\tconn\n");
        text("#open\t" + LocalDateTime.now(clock).format(OPEN_FORMAT) + "\n");
        text("#fields\t" + String.join("\t", FIELDS) + (payloadStats ? "\t" + String.join("\t", STATS_FIELDS) : "") + "\n");
        text("#types\t" + String.join("\t", TYPES) + (payloadStats ? "\t" + String.join("\t", STATS_TYPES) : "") + "\n");
    }

    private void text(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void write(FlowRecord r) throws IOException {
        line.setLength(0);
        line.append(ZeekText.seconds(r.startNanos())).append('\t');
        FlowIds.appendUid(line, r.id()).append('\t');
        Addresses.appendText(line, r.originatorHigh(), r.originatorLow()).append('\t')
                .append(r.originatorPort()).append('\t');
        Addresses.appendText(line, r.responderHigh(), r.responderLow()).append('\t')
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
                .append(r.tunnelParentId() == 0 ? UNSET : FlowIds.uid(r.tunnelParentId())).append('\t')
                .append(r.ipProtocol()).append('\t')
                .append(r.communityId()).append('\t')
                .append(r.vlan() < 0 ? UNSET : Integer.toString(r.vlan())).append('\t')
                .append(r.innerVlan() < 0 ? UNSET : Integer.toString(r.innerVlan()));
        if (payloadStats) {
            stats(r.originatorStats(), r.responderStats());
        }
        line.append('\n');
        // Every field is ASCII by now: wire strings went through tsvString, which escapes the rest.
        int n = line.length();
        if (bytes.length < n) {
            bytes = new byte[n * 2];
        }
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) line.charAt(i);
        }
        out.write(bytes, 0, n);
    }

    private void stats(PayloadStats orig, PayloadStats resp) {
        decimal(orig.headEntropy());
        decimal(resp.headEntropy());
        decimal(orig.meanSize());
        decimal(orig.sizeDeviation());
        decimal(resp.meanSize());
        decimal(resp.sizeDeviation());
        decimal(orig.meanGapSeconds());
        decimal(orig.gapDeviationSeconds());
        decimal(resp.meanGapSeconds());
        decimal(resp.gapDeviationSeconds());
    }

    private void decimal(double value) {
        line.append('\t');
        if (Double.isNaN(value)) {
            line.append(UNSET);
        } else {
            ZeekText.appendDecimal(line, value);
        }
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
        text("#close\t" + LocalDateTime.now(clock).format(OPEN_FORMAT) + "\n");
        out.close();
    }
}
