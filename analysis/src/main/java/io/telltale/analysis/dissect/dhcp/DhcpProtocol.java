package io.telltale.analysis.dissect.dhcp;

import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;

/** DHCPv4, recognised by a BOOTP header with the DHCP magic cookie (RFC 2131 §3) on any port. */
public final class DhcpProtocol {

    public static final FieldSpec MESSAGE_TYPE = new FieldSpec("dhcp.msg_type", FieldType.TEXT, "DISCOVER, OFFER, ...");
    public static final FieldSpec MAC = new FieldSpec("dhcp.mac", FieldType.TEXT, "the client's hardware address");
    public static final FieldSpec HOST_NAME = new FieldSpec("dhcp.host_name", FieldType.NAME, "option 12, the client's name");
    public static final FieldSpec VENDOR_CLASS = new FieldSpec("dhcp.vendor_class", FieldType.TEXT,
            "option 60, the client software");
    public static final FieldSpec PARAMETERS = new FieldSpec("dhcp.requested_options", FieldType.TEXT_LIST,
            "option 55, a device fingerprint");

    static final int FIXED_LENGTH = 236;
    static final int MAGIC_COOKIE = 0x63825363;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    public static final ProtocolSpec SPEC = new ProtocolSpec("dhcp", "dhcp", false, true, false, Set.of(67, 68),
            DhcpProtocol::looksLikeDhcp, List.of(MESSAGE_TYPE, MAC, HOST_NAME, VENDOR_CLASS, PARAMETERS),
            () -> DhcpSession::new);

    private DhcpProtocol() {
    }

    static boolean looksLikeDhcp(MemorySegment data, long offset, int length, boolean stream, boolean fromOriginator) {
        if (stream || length < FIXED_LENGTH + 4) {
            return false;
        }
        int op = data.get(ValueLayout.JAVA_BYTE, offset);
        int hardwareLength = data.get(ValueLayout.JAVA_BYTE, offset + 2) & 0xff;
        return (op == 1 || op == 2) && hardwareLength <= 16 && data.get(U32, offset + FIXED_LENGTH) == MAGIC_COOKIE;
    }
}
