package io.telltale.analysis.detect.ntp;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.event.NtpRecord;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.capture.flow.FlowRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * NTP carrying something other than time (reference/domain.md §3.4). Per device and server: messages
 * to port 123 that do not parse as NTP (PyExfil sends {@code 0x1B} and 46 Base64 characters), control
 * messages (modes 6 and 7) sent out, and client requests whose transmit timestamp ends in two
 * printable characters far more often than chance (ntpescape hides two bytes there; an honest
 * client's low bits are below its clock's precision, so random: both printable about one time in seven).
 */
public final class NtpCovertDetector implements Detector {

    /** Messages that are not NTP before a device is flagged: one may be a stray packet, three are a habit. */
    static final int MALFORMED_MIN = 3;
    /** Requests looked at before the low bits are judged, and the share of printable pairs that is no chance. */
    static final int REQUESTS_MIN = 16;
    static final double PRINTABLE_SHARE = 0.6;
    static final int MAX_PAIRS = 100_000;

    /** What one device sent to one server. */
    private static final class Talk {
        long requests;
        long printable;
        long malformed;
        long control;
        long firstFlow;
        String example;
        boolean reported;
    }

    private final Map<String, Talk> talks = new HashMap<>();

    @Override
    public String name() {
        return "ntp-covert";
    }

    /** UDP to port 123 that the NTP probe refused: no NTP record tells of it, the flow does. */
    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        if (f.interim() || f.ipProtocol() != 17 || f.responderPort() != 123 || f.originatorPackets() == 0
                || f.originatorIpBytes() <= 28L * f.originatorPackets()
                || (f.service() != null && f.service().contains("ntp")) || Addresses.internet(f.originatorHost())) {
            return;
        }
        Talk t = talk(f.originatorHost(), f.responderHost(), f.id());
        if (t == null || t.reported) {
            return;
        }
        t.malformed += f.originatorPackets();
        // a one-datagram flow has no payload count (Zeek leaves it unset); the IP bytes tell the size
        t.example = t.example == null ? "UDP to port 123 that does not parse as NTP, "
                + (f.originatorIpBytes() - 28L * f.originatorPackets()) + " bytes in " + f.originatorPackets() + " datagram(s)"
                : t.example;
        judge(t, f.originatorHost(), f.responderHost(), f.startNanos(), f.id(), out);
    }

    private Talk talk(String device, String server, long flow) {
        String key = device + "|" + server;
        Talk t = talks.get(key);
        if (t == null) {
            if (talks.size() >= MAX_PAIRS) {
                return null;
            }
            t = new Talk();
            t.firstFlow = flow;
            talks.put(key, t);
        }
        return t;
    }

    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        if (!(record instanceof NtpRecord n)) {
            return;
        }
        String device = n.fromOriginator() ? n.originatorHost() : n.responderHost();
        String server = n.fromOriginator() ? n.responderHost() : n.originatorHost();
        if (Addresses.internet(device) || (n.fromOriginator() ? n.responderPort() : n.originatorPort()) != 123) {
            return; // what servers answer, and what the Internet sends, are not ours to judge here
        }
        Talk t = talk(device, server, n.flowId());
        if (t == null || t.reported) {
            return;
        }
        if (n.anomaly() != null) {
            t.malformed++;
            t.example = t.example == null ? n.anomaly() : t.example;
        } else if (n.mode() == 6 || n.mode() == 7) {
            t.control++;
        } else if (n.mode() == 3 && n.transmitLowBits() >= 0) {
            t.requests++;
            if (printable(n.transmitLowBits() >> 8) && printable(n.transmitLowBits() & 0xff)) {
                t.printable++;
            }
        }
        judge(t, device, server, n.timestampNanos(), n.flowId(), out);
    }

    private void judge(Talk t, String device, String server, long nanos, long flow, Consumer<Finding> out) {
        String why = null;
        if (t.malformed >= MALFORMED_MIN) {
            why = device + " sent " + t.malformed + " messages to " + server + ":123 that are not NTP (" + t.example
                    + "): data dressed as time requests, the shape of PyExfil's NTP exfiltration.";
        } else if (t.requests >= REQUESTS_MIN && t.printable >= PRINTABLE_SHARE * t.requests) {
            why = String.format(Locale.ROOT, "%s's NTP requests to %s end their transmit timestamps in two printable "
                    + "characters %d times in %d (%.0f %%; an honest clock's low bits are random, printable about 14 %% of the "
                    + "time): data hidden in the timestamps, the shape of ntpescape.", device, server, t.printable, t.requests,
                    100.0 * t.printable / t.requests);
        } else if (t.control >= MALFORMED_MIN && Addresses.internet(server)) {
            why = device + " sent " + t.control + " NTP control messages (mode 6/7) to " + server
                    + " on the Internet: a device setting its clock needs none.";
        }
        if (why != null) {
            t.reported = true;
            out.accept(new Finding(nanos, Category.NTP_COVERT_CHANNEL, Severity.HIGH,
                    "NTP covert channel to " + server, why, device, server, null, List.of("T1048.003", "T1095", "T0885"),
                    t.firstFlow == flow ? List.of(flow) : List.of(t.firstFlow, flow), -1));
        }
    }

    private static boolean printable(int b) {
        return b >= 0x20 && b <= 0x7e;
    }
}
