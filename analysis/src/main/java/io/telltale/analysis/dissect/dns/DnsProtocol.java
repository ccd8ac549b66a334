package io.telltale.analysis.dissect.dns;

import io.telltale.analysis.dissect.ProtocolSpec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Set;

/** DNS, mDNS, LLMNR and NetBIOS name service: one wire format, recognised by content on any port. */
public final class DnsProtocol {

    public static final ProtocolSpec SPEC = new ProtocolSpec("dns", "dns", true, true, false, Set.of(53, 137, 5353, 5355),
            DnsProtocol::looksLikeDns, DnsFields.ALL, () -> DnsSession::new);

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private DnsProtocol() {
    }

    /**
     * A plausible header and a first question (or, for a response without one, a first record owner)
     * that parses exactly. Over TCP the message follows a 16-bit length.
     */
    static boolean looksLikeDns(MemorySegment data, long offset, int length, boolean stream, boolean fromOriginator) {
        long base = offset;
        int size = length;
        if (stream) {
            if (length < 2 + DnsMessage.HEADER_LENGTH) {
                return false;
            }
            int declared = Short.toUnsignedInt(data.get(U16, offset));
            if (declared < DnsMessage.HEADER_LENGTH) {
                return false;
            }
            base = offset + 2;
            size = Math.min(length - 2, declared);
        }
        if (!DnsMessage.plausibleHeader(data, base, size)) {
            return false;
        }
        int end = DnsNames.skip(data, base, size, DnsMessage.HEADER_LENGTH);
        if (end < 0) {
            return false;
        }
        boolean question = Short.toUnsignedInt(data.get(U16, base + 4)) > 0;
        // A question is followed by type and class; a record owner by type, class, TTL and length.
        if (end + (question ? 4 : 10) > size) {
            return false;
        }
        int type = Short.toUnsignedInt(data.get(U16, base + end));
        int dnsClass = Short.toUnsignedInt(data.get(U16, base + end + 2)) & 0x7fff; // mDNS puts a flag in the top bit
        // Zero-filled payloads (DHCP's empty fields, padding) would otherwise read as a query for the root.
        return type != 0 && (dnsClass == 1 || dnsClass == 3 || dnsClass == 4 || dnsClass == 254 || dnsClass == 255);
    }
}
