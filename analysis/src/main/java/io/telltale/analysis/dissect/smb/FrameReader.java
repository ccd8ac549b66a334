package io.telltale.analysis.dissect.smb;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Frames one direction into Direct TCP transport messages ([MS-SMB2] 2.1): a 4-byte header, then
 * the message. Only the first {@link #KEEP} bytes of each are kept — headers, security blobs, names —
 * while the rest (written or read file data) is skipped and counted.
 */
final class FrameReader {

    /** Enough for every header and name we read; file data beyond it is not kept. */
    static final int KEEP = 8192;

    /** Receives each message's kept prefix and its full length. */
    interface Listener {
        void onMessage(byte[] kept, int keptLength, long fullLength);
    }

    private final Listener listener;
    private final byte[] header = new byte[4];
    private int headerFill;
    private final byte[] kept = new byte[KEEP];
    private int keptFill;
    private long remaining;
    private long length;

    FrameReader(Listener listener) {
        this.listener = listener;
    }

    void feed(MemorySegment data, long offset, int count) {
        long at = offset;
        long end = offset + count;
        while (at < end) {
            if (headerFill < 4) {
                header[headerFill++] = data.get(ValueLayout.JAVA_BYTE, at++);
                if (headerFill == 4) {
                    length = ((header[1] & 0xffL) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
                    remaining = length;
                    keptFill = 0;
                    if (remaining == 0) {
                        headerFill = 0;
                    }
                }
                continue;
            }
            int take = (int) Math.min(end - at, remaining);
            int keep = Math.min(take, KEEP - keptFill);
            if (keep > 0) {
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, at, kept, keptFill, keep);
                keptFill += keep;
            }
            at += take;
            remaining -= take;
            if (remaining == 0) {
                headerFill = 0;
                listener.onMessage(kept, keptFill, length);
            }
        }
    }

}
