package io.telltale.analysis.dissect.quic;

import io.telltale.analysis.dissect.ProtocolSpec;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;

/**
 * QUIC, recognised by a client Initial: a long header of version 1 or 2 with the Initial type, in a
 * datagram of at least 1,200 bytes (RFC 9000 §14.1 has clients pad their Initials to that size).
 */
public final class QuicProtocol {

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    public static final ProtocolSpec SPEC = new ProtocolSpec("quic", "quic", false, true, false, Set.of(443, 80, 8443),
            QuicProtocol::looksLikeClientInitial, List.of(), () -> QuicSession::new);

    private QuicProtocol() {
    }

    static boolean looksLikeClientInitial(MemorySegment data, long offset, int length, boolean stream,
                                          boolean fromOriginator) {
        return !stream && fromOriginator && length >= 1200
                && InitialPacket.isInitial(data.get(ValueLayout.JAVA_BYTE, offset) & 0xff, data.get(U32, offset + 1));
    }
}
