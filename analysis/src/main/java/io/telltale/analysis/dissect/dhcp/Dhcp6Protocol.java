package io.telltale.analysis.dissect.dhcp;

import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.event.Dhcp6Record;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * DHCPv6 (RFC 8415) on its ports 546 and 547: a message type from the RFC's table, then options that
 * tile the datagram exactly (code, length, value). Each datagram is one message.
 */
public final class Dhcp6Protocol {

    public static final ProtocolSpec SPEC = new ProtocolSpec("dhcpv6", "dhcpv6", false, true, false, Set.of(546, 547),
            Dhcp6Protocol::looksLikeDhcp6, List.of(), () -> Session::new);

    private Dhcp6Protocol() {
    }

    /** A client or server message (not relayed) whose options end exactly at the datagram's end. */
    static boolean looksLikeDhcp6(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        if (stream || n < 8) {
            return false;
        }
        int type = d.get(ValueLayout.JAVA_BYTE, o) & 0xff;
        if (type < 1 || type > 11) {
            return false;
        }
        long at = o + 4;
        long end = o + n;
        int options = 0;
        while (at + 4 <= end) {
            int length = ((d.get(ValueLayout.JAVA_BYTE, at + 2) & 0xff) << 8) | (d.get(ValueLayout.JAVA_BYTE, at + 3) & 0xff);
            at += 4 + length;
            options++;
        }
        return at == end && options > 0;
    }

    /** Reads each datagram of a DHCPv6 flow as one message. */
    static final class Session implements DissectorSession {
        private final FlowContext flow;
        private long anomalies;

        Session(FlowContext flow) {
            this.flow = flow;
        }

        @Override
        public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                              boolean stream, EventSink out) {
            if (!looksLikeDhcp6(data, offset, length, stream, fromOriginator)) {
                anomalies++;
                return;
            }
            byte[] m = data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
            String duid = null;
            String mac = null;
            List<Integer> request = new ArrayList<>();
            String fqdn = null;
            long enterprise = -1;
            String vendorClass = null;
            int at = 4;
            while (at + 4 <= m.length) {
                int code = u16(m, at);
                int len = u16(m, at + 2);
                int value = at + 4;
                switch (code) {
                    case 1 -> {
                        duid = HexFormat.of().formatHex(m, value, value + len);
                        mac = duidMac(m, value, len);
                    }
                    case 6 -> {
                        for (int i = 0; i + 1 < len; i += 2) {
                            request.add(u16(m, value + i));
                        }
                    }
                    case 16 -> {
                        if (len >= 6) {
                            enterprise = ((m[value] & 0xffL) << 24) | ((m[value + 1] & 0xff) << 16)
                                    | ((m[value + 2] & 0xff) << 8) | (m[value + 3] & 0xff);
                            int dataLength = u16(m, value + 4);
                            if (6 + dataLength <= len) {
                                vendorClass = new String(m, value + 6, dataLength, StandardCharsets.ISO_8859_1);
                            }
                        }
                    }
                    case 39 -> fqdn = len > 1 ? labels(m, value + 1, value + len) : null;
                    default -> {
                    }
                }
                at = value + len;
            }
            int xid = ((m[1] & 0xff) << 16) | ((m[2] & 0xff) << 8) | (m[3] & 0xff);
            out.accept(new Dhcp6Record(flow.flowId(), timestampNanos, flow.originatorHost(), flow.originatorPort(),
                    flow.responderHost(), flow.responderPort(), m[0] & 0xff, xid, duid, mac, request, fqdn, enterprise,
                    vendorClass));
        }

        @Override
        public long anomalies() {
            return anomalies;
        }
    }

    /** The Ethernet address in a DUID-LLT (type 1) or DUID-LL (type 3) of hardware type 1 (RFC 8415 §11). */
    static String duidMac(byte[] m, int at, int length) {
        if (length < 4 || u16(m, at + 2) != 1) {
            return null;
        }
        int type = u16(m, at);
        int mac = type == 1 ? at + 8 : type == 3 ? at + 4 : -1;
        if (mac < 0 || mac + 6 != at + length) {
            return null;
        }
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            s.append(i == 0 ? "" : ":").append(String.format("%02x", m[mac + i] & 0xff));
        }
        return s.toString();
    }

    /** A domain name in DNS wire format without compression (RFC 4704 §4.2), as dotted text. */
    static String labels(byte[] m, int at, int end) {
        StringBuilder name = new StringBuilder();
        while (at < end) {
            int n = m[at] & 0xff;
            if (n == 0 || at + 1 + n > end) {
                break;
            }
            name.append(name.isEmpty() ? "" : ".").append(new String(m, at + 1, n, StandardCharsets.ISO_8859_1));
            at += 1 + n;
        }
        return name.toString();
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
