package io.telltale.dashboard.output;

import io.telltale.analysis.event.Dhcp6Record;
import java.util.List;

/** dhcpv6.log, ours: one row per DHCPv6 message with the client's DUID, its MAC, FQDN and vendor class. */
final class Dhcp6Log {

    static final List<LogColumn<Dhcp6Record>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.text("msg_type", Dhcp6Record::messageTypeName),
            LogColumn.count("trans_id", Dhcp6Record::transactionId),
            LogColumn.text("duid", Dhcp6Record::clientDuid),
            LogColumn.text("mac", Dhcp6Record::clientMac),
            new LogColumn<>("requested_options", "vector[count]", r -> r.optionRequest().isEmpty() ? null : r.optionRequest()),
            LogColumn.text("fqdn", Dhcp6Record::fqdn),
            LogColumn.count("vendor_enterprise", Dhcp6Record::vendorEnterprise),
            LogColumn.text("vendor_class", Dhcp6Record::vendorClass));

    private Dhcp6Log() {
    }
}
