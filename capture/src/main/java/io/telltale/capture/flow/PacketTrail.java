package io.telltale.capture.flow;

import java.util.Arrays;

/**
 * Where a flow's packets went in the packet store: a compact list of (file, offset) pairs, built on the
 * worker thread as packets are stored and copied into the flow record when it is written. Each entry
 * is one unsigned LEB128 varint: an odd value {@code 2·file + 1} switches to another file (offsets
 * start again from 0), an even value {@code 2·delta} is the next record's offset as a step from the
 * previous one in that file. A packet costs two or three bytes. The buffer is kept and reused by the
 * pooled {@link Flow} that owns it, so steady state allocates nothing per packet.
 */
public final class PacketTrail {

    private byte[] bytes = new byte[64];
    private int length;
    private long file = -1;
    private long offset;
    /** Bytes of packets stored for the flow so far (not reset by interim records). */
    private long storedBytes;

    void reset() {
        length = 0;
        file = -1;
        offset = 0;
        storedBytes = 0;
    }

    /** Starts a new part after an interim record: its packets are the next document's. */
    void restart() {
        length = 0;
        file = -1;
        offset = 0;
    }

    /** Records that the flow's next packet is at this offset of this store file. */
    public void add(long fileId, long recordOffset, int recordBytes) {
        if (fileId != file) {
            put(fileId * 2 + 1);
            file = fileId;
            offset = 0;
        }
        put((recordOffset - offset) * 2);
        offset = recordOffset;
        storedBytes += recordBytes;
    }

    public long storedBytes() {
        return storedBytes;
    }

    private void put(long value) {
        if (length + 10 > bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        long v = value;
        while ((v & ~0x7fL) != 0) {
            bytes[length++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        bytes[length++] = (byte) v;
    }

    /** The trail so far, or null when nothing was stored. */
    byte[] copy() {
        return length == 0 ? null : Arrays.copyOf(bytes, length);
    }

    /** Visits the (file, offset) pairs of an encoded trail in the order they were stored. */
    public static void decode(byte[] encoded, Location visitor) {
        long file = -1;
        long offset = 0;
        int at = 0;
        while (at < encoded.length) {
            long value = 0;
            int shift = 0;
            byte b;
            do {
                if (at >= encoded.length || shift > 63) {
                    throw new IllegalArgumentException("a packet trail ends inside a number at byte " + at);
                }
                b = encoded[at++];
                value |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if ((value & 1) == 1) {
                file = value >>> 1;
                offset = 0;
            } else {
                if (file < 0) {
                    throw new IllegalArgumentException("a packet trail names an offset before its file");
                }
                offset += value >>> 1;
                visitor.at(file, offset);
            }
        }
    }

    /** One stored packet: the store file's id and the record's byte offset in it. */
    @FunctionalInterface
    public interface Location {
        void at(long fileId, long recordOffset);
    }
}
