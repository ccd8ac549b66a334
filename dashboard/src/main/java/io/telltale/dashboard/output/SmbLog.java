package io.telltale.dashboard.output;

import io.telltale.analysis.event.SmbRecord;
import java.util.List;

/**
 * smb.log, ours in Zeek's style: one row per SMB connection with the dialect, the NTLM identity, the
 * shares and files it touched and the bytes each way (Zeek spreads the same over ntlm.log,
 * smb_mapping.log and smb_files.log).
 */
final class SmbLog {

    static final List<LogColumn<SmbRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.text("dialect", r -> r.dialect() < 0 ? null : String.format("%d.%d.%d", r.dialect() >> 8,
                    (r.dialect() >> 4) & 0xf, r.dialect() & 0xf)),
            LogColumn.text("domain", SmbRecord::domain),
            LogColumn.text("user", SmbRecord::user),
            LogColumn.text("workstation", SmbRecord::workstation),
            LogColumn.texts("trees", SmbRecord::trees),
            LogColumn.texts("files", SmbRecord::files),
            LogColumn.count("bytes_written", SmbRecord::bytesWritten),
            LogColumn.count("bytes_read", SmbRecord::bytesRead),
            LogColumn.count("messages", SmbRecord::messages),
            LogColumn.bool("encrypted", SmbRecord::encrypted));

    private SmbLog() {
    }
}
