package io.telltale.dashboard.output;

import io.telltale.analysis.event.NtpRecord;
import java.util.List;

/**
 * Zeek's ntp.log, one row per message, and one column of ours at the end: {@code anomaly}, why a
 * message does not fit NTP (a covert channel's tell), unset when it does.
 */
final class NtpLog {

    static final List<LogColumn<NtpRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.count("version", NtpRecord::version),
            LogColumn.count("mode", NtpRecord::mode),
            LogColumn.count("stratum", NtpRecord::stratum),
            LogColumn.seconds("poll", "interval", NtpRecord::pollSeconds),
            LogColumn.seconds("precision", "interval", NtpRecord::precisionSeconds),
            LogColumn.seconds("root_delay", "interval", NtpRecord::rootDelay),
            LogColumn.seconds("root_disp", "interval", NtpRecord::rootDispersion),
            LogColumn.text("ref_id", NtpRecord::refId),
            LogColumn.seconds("ref_time", "time", NtpRecord::refTime),
            LogColumn.seconds("org_time", "time", NtpRecord::originTime),
            LogColumn.seconds("rec_time", "time", NtpRecord::receiveTime),
            LogColumn.seconds("xmt_time", "time", NtpRecord::transmitTime),
            LogColumn.count("num_exts", NtpRecord::extensions),
            LogColumn.text("anomaly", NtpRecord::anomaly));

    private NtpLog() {
    }
}
