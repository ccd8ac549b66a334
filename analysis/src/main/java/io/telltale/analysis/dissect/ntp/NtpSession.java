package io.telltale.analysis.dissect.ntp;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.NtpRecord;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Every datagram of an NTP flow is one message (RFC 5905 §7.3): a 48-byte header, NTPv4 extension
 * fields, perhaps a MAC of 20 or 24 bytes (key id and MD5 or SHA-1 digest). Mode 6 and 7 messages
 * (control, private) are recorded with their version and mode only.
 */
final class NtpSession implements DissectorSession {

    /** Seconds from 1900, NTP's era 0, to 1970. */
    static final long EPOCH_OFFSET = 2_208_988_800L;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final FlowContext flow;
    private long anomalies;

    NtpSession(FlowContext flow) {
        this.flow = flow;
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                          boolean stream, EventSink out) {
        if (length < 1) {
            anomalies++;
            return;
        }
        int first = data.get(ValueLayout.JAVA_BYTE, offset) & 0xff;
        int version = (first >>> 3) & 7;
        int mode = first & 7;
        if (mode == 0 || mode > 5 || length < NtpProtocol.HEADER_LENGTH) {
            String anomaly = length < NtpProtocol.HEADER_LENGTH && mode >= 1 && mode <= 5
                    ? "shorter than an NTP header (" + length + " bytes)" : mode == 0 ? "reserved mode 0" : null;
            anomalies += anomaly == null ? 0 : 1;
            out.accept(new NtpRecord(flow.flowId(), timestampNanos, flow.originatorHost(), flow.originatorPort(),
                    flow.responderHost(), flow.responderPort(), fromOriginator, version, mode, -1, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, length,
                    anomaly, -1));
            return;
        }
        int stratum = data.get(ValueLayout.JAVA_BYTE, offset + 1) & 0xff;
        int poll = data.get(ValueLayout.JAVA_BYTE, offset + 2);
        int precision = data.get(ValueLayout.JAVA_BYTE, offset + 3);
        int extensions = extensions(data, offset + NtpProtocol.HEADER_LENGTH, length - NtpProtocol.HEADER_LENGTH);
        String anomaly = anomaly(version, stratum, poll, precision, extensions, length);
        anomalies += anomaly == null ? 0 : 1;
        out.accept(new NtpRecord(flow.flowId(), timestampNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), fromOriginator, version, mode, stratum, Math.pow(2, poll),
                Math.pow(2, precision), shortTime(data, offset + 4), shortTime(data, offset + 8),
                refId(data, offset + 12, stratum), timestamp(data, offset + 16), timestamp(data, offset + 24),
                timestamp(data, offset + 32), timestamp(data, offset + 40), Math.max(extensions, 0), length, anomaly,
                Short.toUnsignedInt(data.get(U16, offset + 46))));
    }

    @Override
    public long anomalies() {
        return anomalies;
    }

    /**
     * Extension fields after the header (RFC 7822: type, length, value; length a multiple of 4 and at
     * least 16), up to a trailing MAC of 20 or 24 bytes. -1 when the bytes are neither.
     */
    static int extensions(MemorySegment data, long at, int remaining) {
        int count = 0;
        while (remaining > 0 && remaining != 20 && remaining != 24) {
            if (remaining < 16) {
                return -1;
            }
            int fieldLength = Short.toUnsignedInt(data.get(U16, at + 2));
            if (fieldLength < 16 || fieldLength % 4 != 0 || fieldLength > remaining) {
                return -1;
            }
            count++;
            at += fieldLength;
            remaining -= fieldLength;
        }
        return count;
    }

    private static String anomaly(int version, int stratum, int poll, int precision, int extensions, int length) {
        if (version == 0 || version > 4) {
            return "version " + version;
        }
        if (stratum > 16) {
            return "stratum " + stratum + " beyond 16";
        }
        if (poll < 0 || poll > 17) {
            return "poll exponent " + poll;
        }
        if (precision > 0 || precision < -32) {
            return "precision exponent " + precision;
        }
        if (extensions < 0) {
            return (length - NtpProtocol.HEADER_LENGTH) + " bytes after the header are neither extension fields nor a MAC";
        }
        return null;
    }

    /** NTP short format: 16.16 fixed-point seconds. */
    private static double shortTime(MemorySegment data, long at) {
        long raw = Integer.toUnsignedLong(data.get(U32, at));
        return (raw >>> 16) + (raw & 0xffff) / 65536.0;
    }

    /** NTP timestamp: 32.32 fixed-point seconds since 1900; all zero means unset and stays 0, as in Zeek. */
    private static double timestamp(MemorySegment data, long at) {
        long seconds = Integer.toUnsignedLong(data.get(U32, at));
        long fraction = Integer.toUnsignedLong(data.get(U32, at + 4));
        if (seconds == 0 && fraction == 0) {
            return 0;
        }
        return seconds - EPOCH_OFFSET + fraction / 4294967296.0;
    }

    /**
     * RFC 5905 §7.3: a kiss code at stratum 0, a clock name at stratum 1 (all four bytes, padding
     * included, as Zeek keeps them), an IPv4 address above.
     */
    private static String refId(MemorySegment data, long at, int stratum) {
        if (stratum <= 1) {
            char[] code = new char[4];
            for (int i = 0; i < 4; i++) {
                code[i] = (char) (data.get(ValueLayout.JAVA_BYTE, at + i) & 0xff);
            }
            return new String(code);
        }
        return (data.get(ValueLayout.JAVA_BYTE, at) & 0xff) + "." + (data.get(ValueLayout.JAVA_BYTE, at + 1) & 0xff) + "."
                + (data.get(ValueLayout.JAVA_BYTE, at + 2) & 0xff) + "." + (data.get(ValueLayout.JAVA_BYTE, at + 3) & 0xff);
    }
}
