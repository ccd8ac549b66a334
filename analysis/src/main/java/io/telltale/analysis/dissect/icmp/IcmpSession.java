package io.telltale.analysis.dissect.icmp;

import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.IcmpRecord;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The ICMP messages of one flow. Echo requests remember a hash (FNV-1a) of their data by sequence
 * number in a small ring; each reply is checked against the request with its sequence. Fixed memory
 * per flow, no allocation per message.
 */
public final class IcmpSession {

    static final int ECHO_REQUEST_V4 = 8;
    static final int ECHO_REPLY_V4 = 0;
    static final int ECHO_REQUEST_V6 = 128;
    static final int ECHO_REPLY_V6 = 129;
    /** Requests remembered for matching their replies. */
    static final int RING = 64;

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final FlowContext flow;
    private final boolean v6;
    private final int[] ringSequence = new int[RING];
    private final int[] ringChecksum = new int[RING];
    private long firstNanos = -1;
    private int type = -1;
    private int code = -1;
    private int identifier = -1;
    private int firstSequence = -1;
    private int lastSequence = -1;
    private long requests;
    private long replies;
    private long matched;
    private long mismatched;
    private long textMessages;

    public IcmpSession(FlowContext flow, boolean v6) {
        this.flow = flow;
        this.v6 = v6;
        java.util.Arrays.fill(ringSequence, -1);
    }

    /** One message, from its 8-byte header on. */
    public void onMessage(long timestampNanos, int messageType, int messageCode, MemorySegment data, long offset,
                          int length) {
        if (firstNanos < 0) {
            firstNanos = timestampNanos;
            type = messageType;
            code = messageCode;
        }
        boolean request = messageType == (v6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4);
        boolean reply = messageType == (v6 ? ECHO_REPLY_V6 : ECHO_REPLY_V4);
        if ((!request && !reply) || length < 8) {
            return;
        }
        int id = Short.toUnsignedInt(data.get(U16, offset + 4));
        int sequence = Short.toUnsignedInt(data.get(U16, offset + 6));
        identifier = identifier < 0 ? id : identifier;
        int checksum = fnv1a(data, offset + 8, length - 8);
        if (length - 8 >= 8 && printable(data, offset + 8, length - 8)) {
            textMessages++;
        }
        int slot = sequence % RING;
        if (request) {
            requests++;
            firstSequence = firstSequence < 0 ? sequence : firstSequence;
            lastSequence = sequence;
            ringSequence[slot] = sequence;
            ringChecksum[slot] = checksum;
        } else {
            replies++;
            if (ringSequence[slot] == sequence) {
                if (ringChecksum[slot] == checksum) {
                    matched++;
                } else {
                    mismatched++;
                }
            }
        }
    }

    /** Whether a payload is text (nine in ten bytes printable ASCII or white space): a ping's pattern is not, a shell's is. */
    static boolean printable(MemorySegment data, long offset, int length) {
        int text = 0;
        for (int i = 0; i < length; i++) {
            int b = data.get(ValueLayout.JAVA_BYTE, offset + i) & 0xff;
            if ((b >= 0x20 && b < 0x7f) || b == '\r' || b == '\n' || b == '\t') {
                text++;
            }
        }
        return text * 10 >= length * 9;
    }

    /** FNV-1a, 32 bits: enough to tell an echoed payload from another one. */
    static int fnv1a(MemorySegment data, long offset, int length) {
        int hash = 0x811c9dc5;
        for (int i = 0; i < length; i++) {
            hash ^= data.get(ValueLayout.JAVA_BYTE, offset + i) & 0xff;
            hash *= 0x01000193;
        }
        return hash;
    }

    public void onEnd(EventSink out) {
        if (firstNanos < 0) {
            return;
        }
        out.accept(new IcmpRecord(flow.flowId(), firstNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), v6, type, code, identifier, firstSequence, lastSequence,
                requests, replies, matched, mismatched, textMessages));
    }
}
