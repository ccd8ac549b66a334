package io.telltale.analysis.dissect.ntp;

import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Set;

/**
 * NTP over UDP, recognised by a header whose every field is in range: version 1-4, a synchronisation
 * mode (1-5), stratum at most 16, poll at most 17, precision between 2^-32 and 1 second. Random
 * bytes pass all of that about once in two thousand tries, and a datagram shorter than a header never.
 */
public final class NtpProtocol {

    public static final FieldSpec MODE = new FieldSpec("ntp.mode", FieldType.COUNT, "association mode (3 client, 4 server)");
    public static final FieldSpec STRATUM = new FieldSpec("ntp.stratum", FieldType.COUNT, "distance from the reference clock");
    public static final FieldSpec REF_ID = new FieldSpec("ntp.ref_id", FieldType.TEXT, "reference id: kiss code, clock or address");
    public static final FieldSpec ANOMALY = new FieldSpec("ntp.anomaly", FieldType.TEXT, "why the message does not fit NTP");

    static final int HEADER_LENGTH = 48;

    public static final ProtocolSpec SPEC = new ProtocolSpec("ntp", "ntp", false, true, false, Set.of(123),
            NtpProtocol::looksLikeNtp, List.of(MODE, STRATUM, REF_ID, ANOMALY), () -> NtpSession::new);

    private NtpProtocol() {
    }

    static boolean looksLikeNtp(MemorySegment data, long offset, int length, boolean stream, boolean fromOriginator) {
        if (stream || length < HEADER_LENGTH) {
            return false;
        }
        int first = data.get(ValueLayout.JAVA_BYTE, offset) & 0xff;
        int version = (first >>> 3) & 7;
        int mode = first & 7;
        int stratum = data.get(ValueLayout.JAVA_BYTE, offset + 1) & 0xff;
        int poll = data.get(ValueLayout.JAVA_BYTE, offset + 2);
        int precision = data.get(ValueLayout.JAVA_BYTE, offset + 3);
        return version >= 1 && version <= 4 && mode >= 1 && mode <= 5 && stratum <= 16 && poll >= 0 && poll <= 17
                && precision >= -32 && precision <= 0;
    }
}
