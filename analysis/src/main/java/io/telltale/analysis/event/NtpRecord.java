package io.telltale.analysis.event;

/**
 * One NTP message. Times are seconds since the Unix epoch and intervals seconds, as doubles, the way
 * Zeek converts them (an all-zero NTP timestamp stays 0). Fields a mode 6 or 7 message lacks are NaN,
 * -1 or null.
 *
 * @param refId the kiss code (stratum 0), reference clock name (stratum 1) or reference address
 * @param extensions NTPv4 extension fields between the header and the MAC
 * @param length the UDP payload length
 * @param anomaly why the message does not fit NTP, or null when it does
 * @param transmitLowBits the low 16 bits of the transmit timestamp's fraction, as sent (-1 when absent): below
 *     any clock's precision, random in honest clients and the place ntpescape hides its data
 */
public record NtpRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        boolean fromOriginator,
        int version,
        int mode,
        int stratum,
        double pollSeconds,
        double precisionSeconds,
        double rootDelay,
        double rootDispersion,
        String refId,
        double refTime,
        double originTime,
        double receiveTime,
        double transmitTime,
        int extensions,
        int length,
        String anomaly,
        int transmitLowBits) implements ProtocolRecord {
}
