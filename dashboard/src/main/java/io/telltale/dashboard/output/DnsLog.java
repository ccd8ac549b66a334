package io.telltale.dashboard.output;

import io.telltale.analysis.event.DnsRecord;
import java.util.List;

/** Zeek's dns.log: one row per DNS transaction, joined to conn.log by uid. */
final class DnsLog {

    static final List<LogColumn<DnsRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            new LogColumn<>("proto", "enum", r -> r.tcp() ? "tcp" : "udp"),
            LogColumn.count("trans_id", DnsRecord::transactionId),
            LogColumn.interval("rtt", DnsRecord::rttNanos),
            LogColumn.text("query", DnsRecord::query),
            LogColumn.count("qclass", DnsRecord::queryClass),
            LogColumn.text("qclass_name", r -> r.queryClass() < 0 ? null : DnsNamesText.qclass(r.queryClass())),
            LogColumn.count("qtype", DnsRecord::queryType),
            LogColumn.text("qtype_name", r -> r.queryType() < 0 ? null : DnsNamesText.qtype(r.queryType())),
            LogColumn.count("rcode", DnsRecord::rcode),
            LogColumn.text("rcode_name", r -> r.rcode() < 0 ? null : DnsNamesText.rcode(r.rcode())),
            LogColumn.bool("AA", DnsRecord::authoritative),
            LogColumn.bool("TC", DnsRecord::truncated),
            LogColumn.bool("RD", DnsRecord::recursionDesired),
            LogColumn.bool("RA", DnsRecord::recursionAvailable),
            LogColumn.count("Z", DnsRecord::z),
            // Zeek leaves both unset, not empty, when a response has no answers.
            LogColumn.texts("answers", r -> r.answers().isEmpty() ? null : r.answers()),
            new LogColumn<>("TTLs", "vector[interval]", r -> r.answers().isEmpty() ? null
                    : r.ttlSeconds().stream().map(ttl -> new LogColumn.Decimal(ttl + ".000000")).toList()),
            LogColumn.bool("rejected", DnsRecord::rejected),
            LogColumn.count("opcode", DnsRecord::opcode),
            LogColumn.text("opcode_name", r -> opcodeName(r.opcode())));

    private DnsLog() {
    }

    static String opcodeName(int opcode) {
        return switch (opcode) {
            case 0 -> "query";
            case 1 -> "iquery";
            case 2 -> "status";
            case 4 -> "notify";
            case 5 -> "update";
            default -> "opcode-" + opcode;
        };
    }
}
