package io.telltale.dashboard.output;

import io.telltale.analysis.event.IcmpRecord;
import java.util.List;

/**
 * icmp.log, ours in Zeek's style: one row per ICMP flow with its type and code, the echo identifier
 * and sequence range, and how many echo replies carried back their request's data and how many did
 * not — a tunnel's tell.
 */
final class IcmpLog {

    static final List<LogColumn<IcmpRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.bool("v6", IcmpRecord::v6),
            LogColumn.count("type", IcmpRecord::type),
            LogColumn.count("code", IcmpRecord::code),
            LogColumn.count("echo_id", IcmpRecord::echoIdentifier),
            LogColumn.count("first_seq", IcmpRecord::firstSequence),
            LogColumn.count("last_seq", IcmpRecord::lastSequence),
            LogColumn.count("requests", IcmpRecord::requests),
            LogColumn.count("replies", IcmpRecord::replies),
            LogColumn.count("echoed_replies", IcmpRecord::matchedReplies),
            LogColumn.count("altered_replies", IcmpRecord::mismatchedReplies),
            LogColumn.count("text_messages", IcmpRecord::textMessages));

    private IcmpLog() {
    }
}
