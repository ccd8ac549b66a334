package io.telltale.testdata.wire;

/** The Internet checksum (RFC 1071): one's-complement sum of 16-bit big-endian words. */
final class Checksum {

    private long sum;

    Checksum add(byte[] b, int from, int length) {
        int i = from;
        int end = from + length;
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        return this;
    }

    Checksum add16(int value) {
        sum += value & 0xffff;
        return this;
    }

    Checksum add32(long value) {
        return add16((int) (value >>> 16)).add16((int) value);
    }

    /** The folded complement, ready to store; 0 stays 0 (UDP's "no checksum" is avoided by the callers). */
    int value() {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }
}
