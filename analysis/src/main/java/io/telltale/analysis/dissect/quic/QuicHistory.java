package io.telltale.analysis.dissect.quic;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Zeek's quic.log {@code history}: a letter per packet kind as it crosses, upper case from the client.
 * I Initial, H Handshake, Z 0-RTT, R Retry, U a version we cannot read, S a whole Client or Server
 * Hello, O short-header packets at the 1st, 2nd, 4th, 8th … of each side (so a long connection
 * stays short). Read from the clear headers of every datagram, coalesced packets included, with no
 * allocation; at most {@link #MAX} letters.
 */
final class QuicHistory {

    static final int MAX = 100;

    private final StringBuilder letters = new StringBuilder();
    private long clientShort;
    private long serverShort;

    /** Walks a datagram's packets; {@code initials} tells how many Initial packets were opened in it. */
    void datagram(MemorySegment d, long at, long end, boolean client, HelloMarks hellos) {
        int initial = 0;
        while (at < end && letters.length() < MAX) {
            int first = d.get(ValueLayout.JAVA_BYTE, at) & 0xff;
            if ((first & 0x80) == 0) {
                long n = client ? ++clientShort : ++serverShort;
                if (Long.bitCount(n) == 1) {
                    add(client, 'O');
                }
                return; // a short header runs to the datagram's end
            }
            if (end - at < 7) {
                return;
            }
            int version = d.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), at + 1);
            if (version == 0) {
                return; // version negotiation
            }
            if (version != InitialKeys.VERSION_1 && version != InitialKeys.VERSION_2) {
                add(client, 'U');
                return;
            }
            int type = (first >>> 4) & 3;
            if (version == InitialKeys.VERSION_2) {
                type = (type + 3) & 3; // v2 rotates the types (RFC 9369 §3.2): Initial 1, 0-RTT 2, Handshake 3, Retry 0
            }
            if (type == 3) {
                add(client, 'R');
                return;
            }
            long p = at + 5;
            p += 1 + (d.get(ValueLayout.JAVA_BYTE, p) & 0xff);
            if (p >= end) {
                return;
            }
            p += 1 + (d.get(ValueLayout.JAVA_BYTE, p) & 0xff);
            if (type == 0) {
                long token = varint(d, p, end);
                if (token < 0) {
                    return;
                }
                p += varintLength(d, p) + token;
            }
            long length = varint(d, p, end);
            if (length < 0) {
                return;
            }
            add(client, type == 0 ? 'I' : type == 1 ? 'Z' : 'H');
            if (type == 0 && hellos.completedIn(client, initial++)) {
                add(client, 'S');
            }
            at = p + varintLength(d, p) + length;
        }
    }

    private void add(boolean client, char letter) {
        if (letters.length() < MAX) {
            letters.append(client ? letter : Character.toLowerCase(letter));
        }
    }

    private static int varintLength(MemorySegment d, long at) {
        return 1 << ((d.get(ValueLayout.JAVA_BYTE, at) & 0xff) >>> 6);
    }

    /** A QUIC variable-length integer (RFC 9000 §16), or -1 when it runs past {@code end}. */
    private static long varint(MemorySegment d, long at, long end) {
        if (at >= end) {
            return -1;
        }
        int length = varintLength(d, at);
        if (at + length > end) {
            return -1;
        }
        long value = d.get(ValueLayout.JAVA_BYTE, at) & 0x3f;
        for (int i = 1; i < length; i++) {
            value = (value << 8) | (d.get(ValueLayout.JAVA_BYTE, at + i) & 0xff);
        }
        return value;
    }

    @Override
    public String toString() {
        return letters.toString();
    }

    /** Which Initial packet of a datagram (0, 1, …) made a side's hello whole, if one did. */
    interface HelloMarks {
        boolean completedIn(boolean client, int initialIndex);
    }
}
