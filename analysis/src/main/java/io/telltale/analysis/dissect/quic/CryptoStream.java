package io.telltale.analysis.dissect.quic;

import java.util.BitSet;

/**
 * One side's CRYPTO stream of the Initial packets (RFC 9000 §19.6), put back in order from frames
 * that arrive shuffled and split (clients do both on purpose), until its first handshake message
 * is whole. Frames are read from decrypted payloads: PADDING, PING and ACK are skipped, anything else
 * ends the packet's frames (nothing else belongs in an Initial, RFC 9000 §12.4).
 */
final class CryptoStream {

    /** A hello longer than this (post-quantum key shares make them 2-3 KiB) is not waited for. */
    static final int MAX_MESSAGE = 16 * 1024;

    final byte[] bytes = new byte[MAX_MESSAGE];
    private final BitSet filled = new BitSet(MAX_MESSAGE);
    private long anomalies;

    long anomalies() {
        return anomalies;
    }

    void frames(byte[] f) {
        long[] v = new long[1];
        int at = 0;
        while (at < f.length) {
            int type = f[at++] & 0xff;
            switch (type) {
                case 0x00, 0x01 -> {
                }
                case 0x02, 0x03 -> {
                    for (int i = 0; i < 3 && at >= 0; i++) {
                        at = InitialPacket.varint(f, at, f.length, v); // largest, delay, range count
                    }
                    long ranges = v[0];
                    at = at < 0 ? -1 : InitialPacket.varint(f, at, f.length, v); // first range
                    for (long r = 0; r < ranges * 2 + (type == 0x03 ? 3 : 0) && at >= 0; r++) {
                        at = InitialPacket.varint(f, at, f.length, v);
                    }
                    if (at < 0) {
                        anomalies++;
                        return;
                    }
                }
                case 0x06 -> {
                    at = InitialPacket.varint(f, at, f.length, v);
                    long offset = v[0];
                    at = at < 0 ? -1 : InitialPacket.varint(f, at, f.length, v);
                    long length = v[0];
                    if (at < 0 || at + length > f.length) {
                        anomalies++;
                        return;
                    }
                    if (offset + length <= MAX_MESSAGE) {
                        System.arraycopy(f, at, bytes, (int) offset, (int) length);
                        filled.set((int) offset, (int) (offset + length));
                    }
                    at += (int) length;
                }
                default -> {
                    return;
                }
            }
        }
    }

    /** Length of the first handshake message once it is whole; 0 while it is not; -1 if it never can be. */
    int message() {
        int contiguous = filled.nextClearBit(0);
        if (contiguous < 4) {
            return 0;
        }
        int length = 4 + (((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff));
        if (length > MAX_MESSAGE) {
            anomalies++;
            return -1;
        }
        return contiguous >= length ? length : 0;
    }
}
