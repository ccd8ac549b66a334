package io.telltale.dashboard.siem;

import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.AlertConnection;
import io.telltale.capture.flow.FlowIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One alert as the SIEM formats see it: source and destination (the flow's originator and
 * responder when the alert was raised on a flow, otherwise the device and its remote end), the
 * direction from the device's side, the transport and application protocol in the spellings the
 * formats use, and the evidence flows' uids. Free-text fields pass through {@link #text} so a message
 * that must fit a size can shorten them all at once.
 */
final class AlertView {

    final Alert alert;
    final String source;
    final int sourcePort;
    final String destination;
    final int destinationPort;
    /** {@code tcp}, {@code udp}, {@code icmp} or null. */
    final String transport;
    /** The first service the dissectors named ({@code tls}), or null. */
    final String service;
    final String communityId;
    /** True when the device started the conversation (or there is no conversation and the device is the subject). */
    final boolean outbound;
    final List<String> flowUids;
    private final int textLimit;

    AlertView(Alert alert, int textLimit) {
        this.alert = alert;
        this.textLimit = textLimit;
        AlertConnection c = alert.connection();
        if (c != null) {
            source = c.originatorAddress();
            sourcePort = c.originatorPort();
            destination = c.responderAddress();
            destinationPort = c.responderPort();
            transport = c.transport();
            String s = c.service();
            service = s == null || s.isEmpty() ? null : s.split(",", 2)[0];
            communityId = c.communityId();
            outbound = !c.responderAddress().equals(alert.deviceAddress());
        } else {
            source = alert.deviceAddress();
            sourcePort = -1;
            destination = alert.remoteAddress();
            destinationPort = -1;
            transport = null;
            service = null;
            communityId = null;
            outbound = true;
        }
        List<String> uids = new ArrayList<>(alert.flowIds().size());
        for (long id : alert.flowIds()) {
            uids.add(FlowIds.uid(id));
        }
        flowUids = uids;
    }

    /** A free-text field (title, why, a name from the wire) within this view's limit. */
    String text(String value) {
        return SyslogText.clip(value, textLimit);
    }

    /** Ports are known: the alert was raised on a flow or a protocol record, and it is not ICMP (whose "ports" are type and code). */
    boolean hasPorts() {
        return sourcePort >= 0 && !"icmp".equals(transport);
    }

    /** IANA protocol number, or -1. */
    int protocolNumber() {
        return transport == null ? -1 : switch (transport) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> source != null && source.indexOf(':') >= 0 ? 58 : 1;
            default -> -1;
        };
    }

    String transportUpper() {
        return transport == null ? null : transport.toUpperCase(Locale.ROOT);
    }

    long epochMillis() {
        return Math.floorDiv(alert.timestampNanos(), 1_000_000L);
    }
}
