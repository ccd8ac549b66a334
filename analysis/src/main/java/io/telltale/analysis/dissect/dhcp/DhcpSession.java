package io.telltale.analysis.dissect.dhcp;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.DhcpRecord;
import io.telltale.analysis.event.EventSink;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every datagram of a DHCP flow as one message: the fixed BOOTP fields, then the options after
 * the cookie (code, length, value; pad and end). An option running past the datagram ends the walk
 * and is counted; what was read before it stays.
 */
final class DhcpSession implements DissectorSession {

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final FlowContext flow;
    private long anomalies;

    DhcpSession(FlowContext flow) {
        this.flow = flow;
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                          boolean stream, EventSink out) {
        if (!DhcpProtocol.looksLikeDhcp(data, offset, length, false, fromOriginator)) {
            anomalies++;
            return;
        }
        byte[] m = data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
        Options o = new Options();
        int end = options(m, DhcpProtocol.FIXED_LENGTH + 4, m.length, o);
        if (end < 0) {
            anomalies++;
        }
        boolean ethernet = m[1] == 1 && m[2] == 6;
        out.accept(new DhcpRecord(flow.flowId(), timestampNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), fromOriginator, Integer.toUnsignedLong(data.get(U32, offset + 4)),
                o.messageType, ethernet ? mac(m, 28) : null, address(m, 12), address(m, 16), o.requestedAddress,
                o.serverIdentifier, o.hostName, o.clientFqdn, o.domainName, o.leaseSeconds, o.message, o.vendorClass,
                o.clientIdMac, o.parameters));
    }

    @Override
    public long anomalies() {
        return anomalies;
    }

    /** The options we keep. */
    private static final class Options {
        int messageType = -1;
        String requestedAddress;
        String serverIdentifier;
        String hostName;
        String clientFqdn;
        String domainName;
        long leaseSeconds = -1;
        String message;
        String vendorClass;
        String clientIdMac;
        List<Integer> parameters = List.of();
    }

    /** Walks the options; returns where it stopped, or -1 when an option ran past the end. */
    private static int options(byte[] m, int at, int end, Options o) {
        while (at < end) {
            int code = m[at] & 0xff;
            if (code == 255) {
                return at;
            }
            if (code == 0) {
                at++;
                continue;
            }
            if (at + 2 > end || at + 2 + (m[at + 1] & 0xff) > end) {
                return -1;
            }
            int length = m[at + 1] & 0xff;
            int value = at + 2;
            switch (code) {
                case 53 -> o.messageType = length == 1 ? m[value] & 0xff : o.messageType;
                case 50 -> o.requestedAddress = length == 4 ? address(m, value) : null;
                case 54 -> o.serverIdentifier = length == 4 ? address(m, value) : null;
                case 12 -> o.hostName = text(m, value, length);
                case 15 -> o.domainName = text(m, value, length);
                case 51 -> o.leaseSeconds = length == 4 ? (((m[value] & 0xffL) << 24) | ((m[value + 1] & 0xff) << 16)
                        | ((m[value + 2] & 0xff) << 8) | (m[value + 3] & 0xff)) : -1;
                case 56 -> o.message = text(m, value, length);
                case 60 -> o.vendorClass = text(m, value, length);
                case 61 -> o.clientIdMac = length == 7 && m[value] == 1 ? mac(m, value + 1) : null;
                // RFC 4702: flags, two RCODE bytes, then the name (in ASCII when the E flag is clear).
                case 81 -> o.clientFqdn = length >= 3 ? text(m, value + 3, length - 3) : null;
                case 55 -> {
                    List<Integer> codes = new ArrayList<>(length);
                    for (int i = 0; i < length; i++) {
                        codes.add(m[value + i] & 0xff);
                    }
                    o.parameters = codes;
                }
                default -> {
                }
            }
            at = value + length;
        }
        return at;
    }

    private static String address(byte[] m, int at) {
        return (m[at] & 0xff) + "." + (m[at + 1] & 0xff) + "." + (m[at + 2] & 0xff) + "." + (m[at + 3] & 0xff);
    }

    private static String mac(byte[] m, int at) {
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            s.append(i == 0 ? "" : ":").append(Character.forDigit((m[at + i] >> 4) & 0xf, 16))
                    .append(Character.forDigit(m[at + i] & 0xf, 16));
        }
        return s.toString();
    }

    private static String text(byte[] m, int at, int length) {
        return new String(m, at, length, StandardCharsets.ISO_8859_1);
    }
}
