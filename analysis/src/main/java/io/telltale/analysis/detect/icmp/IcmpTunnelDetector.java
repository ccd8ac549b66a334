package io.telltale.analysis.detect.icmp;

import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.event.IcmpRecord;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.capture.flow.FlowRecord;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Echo traffic that is not a ping: replies that do not echo their request's data (a ping's always do:
 * icmpsh and ptunnel answer with other data), or requests far larger than a ping's 32–64 bytes, many
 * of them (ptunnel, hans). Both are the ICMP tunnel of domain.md §3.3.
 */
public final class IcmpTunnelDetector implements Detector {

    static final int MIN_ALTERED_REPLIES = 3;
    static final int MIN_LARGE_REQUESTS = 10;
    static final double LARGE_PAYLOAD = 300;

    @Override
    public String name() {
        return "icmp-tunnel";
    }

    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        if (record instanceof IcmpRecord r && r.mismatchedReplies() >= MIN_ALTERED_REPLIES) {
            out.accept(new Finding(r.timestampNanos(), Category.ICMP_TUNNEL, Severity.CRITICAL,
                    "ICMP echo replies carry other data than their requests",
                    String.format(Locale.ROOT, "%s sent %d echo requests to %s; %d of the %d replies did not echo the request's "
                            + "data, as no ping does: a tunnel or a covert shell answers with its own data.", r.originatorHost(),
                            r.requests(), r.responderHost(), r.mismatchedReplies(), r.replies()),
                    r.originatorHost(), r.responderHost(), null, List.of("T1095", "T1572"), List.of(r.flowId()), -1));
            if (r.textMessages() >= MIN_ALTERED_REPLIES) {
                out.accept(new Finding(r.timestampNanos(), Category.REVERSE_SHELL, Severity.CRITICAL,
                        "A command shell inside ICMP echo", String.format(Locale.ROOT, "%d of the echo messages between %s and %s "
                                + "carry text, and the replies are not echoes: commands one way, their output the other (icmpsh).",
                                r.textMessages(), r.originatorHost(), r.responderHost()),
                        r.originatorHost(), r.responderHost(), null, List.of("T1095", "T1059"), List.of(r.flowId()), -1));
            }
        }
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        if ((f.ipProtocol() == 1 || f.ipProtocol() == 58) && f.originatorPackets() >= MIN_LARGE_REQUESTS
                && f.originatorStats() != null && f.originatorStats().meanSize() >= LARGE_PAYLOAD) {
            out.accept(new Finding(f.startNanos(), Category.ICMP_TUNNEL, Severity.CRITICAL, "Large ICMP payloads, many of them",
                    String.format(Locale.ROOT, "%s sent %d ICMP messages to %s averaging %.0f bytes of payload (a ping carries "
                            + "32-64): data is travelling inside ICMP.", f.originatorHost(), f.originatorPackets(),
                            f.responderHost(), f.originatorStats().meanSize()),
                    f.originatorHost(), f.responderHost(), null, List.of("T1095", "T1572"), List.of(f.id()), -1));
        }
    }
}
