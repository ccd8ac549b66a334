package io.telltale.dashboard.output;

import io.telltale.analysis.event.SmbRecord;
import java.util.List;

/**
 * The SMB logs. Zeek's three, row for row: ntlm.log (one login per connection), smb_mapping.log (one
 * row per share connected) and smb_files.log (one row per file opened, action {@code SMB::FILE_OPEN});
 * and smb.log, ours, one row per connection with what Zeek does not log: the dialect, the bytes
 * written and read, and whether the connection went encrypted.
 */
final class SmbLog {

    /** A part of a connection, written as one row of its own log. */
    record Part<T>(SmbRecord connection, T item) {
    }

    static final List<LogColumn<SmbRecord>> CONNECTIONS = LogColumn.of(LogColumn.head(),
            LogColumn.text("dialect", r -> r.dialect() < 0 ? null : String.format("%d.%d.%d", r.dialect() >> 8,
                    (r.dialect() >> 4) & 0xf, r.dialect() & 0xf)),
            LogColumn.texts("trees", SmbRecord::trees),
            LogColumn.count("files", r -> r.opens().size()),
            LogColumn.count("bytes_written", SmbRecord::bytesWritten),
            LogColumn.count("bytes_read", SmbRecord::bytesRead),
            LogColumn.count("messages", SmbRecord::messages),
            LogColumn.bool("encrypted", SmbRecord::encrypted));

    static final List<LogColumn<Part<SmbRecord.Login>>> NTLM = LogColumn.of(
            LogColumn.head(Part::connection, p -> p.item().timestampNanos() < 0
                    ? p.connection().timestampNanos() : p.item().timestampNanos()),
            LogColumn.text("username", p -> p.item().user()),
            LogColumn.text("hostname", p -> p.item().workstation()),
            LogColumn.text("domainname", p -> p.item().domain()),
            LogColumn.text("server_nb_computer_name", p -> p.item().serverNetbiosName()),
            LogColumn.text("server_dns_computer_name", p -> p.item().serverDnsName()),
            LogColumn.text("server_tree_name", p -> p.item().serverTreeName()),
            new LogColumn<>("success", "bool", p -> p.item().succeeded()));

    static final List<LogColumn<Part<SmbRecord.Share>>> MAPPING = LogColumn.of(
            LogColumn.head(Part::connection, p -> p.item().timestampNanos()),
            LogColumn.text("path", p -> p.item().path()),
            LogColumn.text("service", p -> null),
            LogColumn.text("native_file_system", p -> null),
            LogColumn.text("share_type", p -> p.item().shareType()));

    static final List<LogColumn<Part<SmbRecord.FileOpen>>> FILES = LogColumn.of(
            LogColumn.head(Part::connection, p -> p.item().timestampNanos()),
            LogColumn.text("action", p -> "SMB::FILE_OPEN"),
            LogColumn.text("path", p -> p.item().share()),
            LogColumn.text("name", p -> p.item().name()),
            LogColumn.count("size", p -> p.item().size()),
            time("times.modified", SmbRecord.FileOpen::modifiedNanos),
            time("times.accessed", SmbRecord.FileOpen::accessedNanos),
            time("times.created", SmbRecord.FileOpen::createdNanos),
            time("times.changed", SmbRecord.FileOpen::changedNanos));

    private static LogColumn<Part<SmbRecord.FileOpen>> time(String name,
                                                           java.util.function.ToLongFunction<SmbRecord.FileOpen> nanos) {
        return new LogColumn<>(name, "time", p -> {
            long v = nanos.applyAsLong(p.item());
            return v < 0 ? null : new LogColumn.Decimal(ZeekText.seconds(v));
        });
    }

    private SmbLog() {
    }
}
