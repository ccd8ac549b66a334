package io.telltale.dashboard.output;

import io.telltale.analysis.event.SmtpRecord;
import java.util.List;

/** smtp.log, ours: one row per SMTP connection with its envelope (Zeek's has one per message). */
final class SmtpLog {

    static final List<LogColumn<SmtpRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.text("helo", SmtpRecord::helo),
            LogColumn.texts("mailfrom", SmtpRecord::mailFrom),
            LogColumn.texts("rcptto", SmtpRecord::rcptTo),
            LogColumn.count("messages", SmtpRecord::messages),
            LogColumn.bool("starttls", SmtpRecord::startTls));

    private SmtpLog() {
    }
}
