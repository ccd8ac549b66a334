package io.telltale.dashboard.output;

import io.telltale.analysis.event.FtpRecord;
import java.util.List;

/**
 * ftp.log, ours: one row per FTP control connection (Zeek's ftp.log has one per command) with the
 * user, whether a password crossed (never the password), the commands used and the files stored and
 * retrieved.
 */
final class FtpLog {

    static final List<LogColumn<FtpRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.text("user", FtpRecord::user),
            LogColumn.bool("password_sent", FtpRecord::passwordSent),
            LogColumn.texts("commands", FtpRecord::commands),
            LogColumn.texts("stored", FtpRecord::stored),
            LogColumn.texts("retrieved", FtpRecord::retrieved));

    private FtpLog() {
    }
}
