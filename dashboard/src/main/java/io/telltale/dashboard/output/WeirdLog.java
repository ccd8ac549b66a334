package io.telltale.dashboard.output;

import io.telltale.analysis.event.WeirdRecord;
import java.util.List;

/** Zeek's weird.log: which flow held something that did not fit its protocol, and what. */
final class WeirdLog {

    static final List<LogColumn<WeirdRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.text("name", WeirdRecord::name),
            LogColumn.text("addl", WeirdRecord::addl),
            LogColumn.bool("notice", r -> false),
            LogColumn.text("peer", r -> "telltale"),
            LogColumn.text("source", WeirdRecord::source));

    private WeirdLog() {
    }
}
