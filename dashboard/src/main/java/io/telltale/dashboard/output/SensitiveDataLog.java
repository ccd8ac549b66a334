package io.telltale.dashboard.output;

import io.telltale.analysis.event.SensitiveDataRecord;
import java.util.List;

/**
 * sensitive_data.log, ours: one row per kind of sensitive data found in clear in one direction of a
 * flow, with where it was, how it was wrapped and a hash of the match (never the data itself).
 */
final class SensitiveDataLog {

    static final List<LogColumn<SensitiveDataRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.bool("is_orig", SensitiveDataRecord::fromOriginator),
            LogColumn.text("kind", SensitiveDataRecord::kind),
            LogColumn.text("description", SensitiveDataRecord::description),
            LogColumn.count("offset", SensitiveDataRecord::offset),
            LogColumn.text("encoding", SensitiveDataRecord::encoding),
            LogColumn.text("match_sha256", SensitiveDataRecord::matchSha256));

    private SensitiveDataLog() {
    }
}
