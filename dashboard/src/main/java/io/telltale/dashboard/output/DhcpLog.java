package io.telltale.dashboard.output;

import io.telltale.analysis.dissect.dhcp.DhcpTransaction;
import io.telltale.capture.flow.FlowIds;
import java.util.List;

/**
 * Zeek's dhcp.log, one row per exchange, and two columns of ours at the end: the client's vendor
 * class and parameter request list, which together fingerprint its DHCP client.
 */
final class DhcpLog {

    static final List<LogColumn<DhcpTransaction>> COLUMNS = List.of(
            new LogColumn<>("ts", "time", t -> new LogColumn.Decimal(ZeekText.seconds(t.timestampNanos()))),
            new LogColumn<>("uids", "set[string]", t -> t.flowIds().stream().map(FlowIds::uid).toList()),
            LogColumn.text("client_addr", DhcpTransaction::clientAddress),
            LogColumn.text("server_addr", DhcpTransaction::serverAddress),
            LogColumn.text("mac", DhcpTransaction::mac),
            LogColumn.text("host_name", DhcpTransaction::hostName),
            LogColumn.text("client_fqdn", DhcpTransaction::clientFqdn),
            LogColumn.text("domain", DhcpTransaction::domain),
            LogColumn.text("requested_addr", DhcpTransaction::requestedAddress),
            LogColumn.text("assigned_addr", DhcpTransaction::assignedAddress),
            LogColumn.seconds("lease_time", "interval", t -> t.leaseSeconds() < 0 ? Double.NaN : t.leaseSeconds()),
            LogColumn.text("client_message", DhcpTransaction::clientMessage),
            LogColumn.text("server_message", DhcpTransaction::serverMessage),
            LogColumn.texts("msg_types", DhcpTransaction::messageTypes),
            new LogColumn<>("duration", "interval",
                    t -> new LogColumn.Decimal(ZeekText.interval(t.timestampNanos(), t.durationNanos()))),
            LogColumn.text("vendor_class", DhcpTransaction::vendorClass),
            new LogColumn<>("requested_options", "vector[count]",
                    t -> t.requestedOptions().isEmpty() ? null : t.requestedOptions()));

    private DhcpLog() {
    }
}
