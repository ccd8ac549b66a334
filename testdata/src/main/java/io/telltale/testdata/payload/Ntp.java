package io.telltale.testdata.payload;

/** NTPv4 packets (RFC 5905 §7.3): 48 bytes, timestamps in the NTP era from 1900. */
public final class Ntp {

    /** Seconds from 1900 to 1970. */
    static final long ERA_OFFSET = 2_208_988_800L;

    private Ntp() {
    }

    /** NTP's 64-bit timestamp: seconds since 1900 and a binary fraction. */
    public static long timestamp(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L) + ERA_OFFSET;
        long fraction = (Math.floorMod(unixNanos, 1_000_000_000L) << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    /** A client request (mode 3), with the client's transmit time as most clients send it. */
    public static byte[] request(long unixNanos, int pollExponent) {
        return new Bytes().u8(0x23).u8(0).u8(pollExponent).u8(0xe9).u32(0x10000).u32(0x10000).u32(0).u64(0).u64(0).u64(0)
                .u64(timestamp(unixNanos)).bytes();
    }

    /** The server's answer (mode 4, stratum 2, referenced to {@code refId}). */
    public static byte[] response(byte[] request, long receivedNanos, long sentNanos, long refId) {
        long origin = 0;
        for (int i = 40; i < 48; i++) {
            origin = (origin << 8) | (request[i] & 0xff);
        }
        return new Bytes().u8(0x24).u8(2).u8(request[2]).u8(0xe9).u32(0x0000_0a3d).u32(0x0000_0b12).u32(refId)
                .u64(timestamp(receivedNanos - 17_000_000_000L)).u64(origin).u64(timestamp(receivedNanos))
                .u64(timestamp(sentNanos)).bytes();
    }
}
