package io.telltale.dashboard.output;

import io.telltale.analysis.event.WeirdRecord;
import io.telltale.capture.flow.FlowIds;
import java.util.List;

/**
 * Zeek's weird.log: which flow held something that did not fit its protocol, and what; packets that
 * belong to no flow (a truncated header) have their ids unset, as in Zeek.
 */
final class WeirdLog {

    static final List<LogColumn<WeirdRecord>> COLUMNS = LogColumn.of(List.of(
            new LogColumn<WeirdRecord>("ts", "time", r -> new LogColumn.Decimal(ZeekText.seconds(r.timestampNanos()))),
            new LogColumn<WeirdRecord>("uid", "string", r -> r.flowId() == 0 ? null : FlowIds.uid(r.flowId())),
            new LogColumn<WeirdRecord>("id.orig_h", "addr", WeirdRecord::originatorHost),
            new LogColumn<WeirdRecord>("id.orig_p", "port", r -> r.originatorPort() < 0 ? null : r.originatorPort()),
            new LogColumn<WeirdRecord>("id.resp_h", "addr", WeirdRecord::responderHost),
            new LogColumn<WeirdRecord>("id.resp_p", "port", r -> r.responderPort() < 0 ? null : r.responderPort())),
            LogColumn.text("name", WeirdRecord::name),
            LogColumn.text("addl", WeirdRecord::addl),
            LogColumn.bool("notice", r -> false),
            LogColumn.text("peer", r -> "telltale"),
            LogColumn.text("source", WeirdRecord::source));

    private WeirdLog() {
    }
}
