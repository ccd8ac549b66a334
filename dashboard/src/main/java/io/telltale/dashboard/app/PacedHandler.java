package io.telltale.dashboard.app;

import io.telltale.capture.source.PacketHandler;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays a capture at the pace it was taken: each frame waits until as much wall-clock time has
 * passed since the first frame as packet time has (a demo, or a test of the live appliance from a
 * file). Time running backwards in the file waits for nothing.
 */
final class PacedHandler implements PacketHandler {

    private static final long SLICE_NANOS = 100_000_000L;

    private final PacketHandler next;
    private final java.util.function.BooleanSupplier stop;
    private long firstPacketNanos = Long.MIN_VALUE;
    private long firstWallNanos;

    /** @param stop asked while waiting (in slices of 100 ms): a stop does not wait out a quiet hour of the file */
    PacedHandler(PacketHandler next, java.util.function.BooleanSupplier stop) {
        this.next = next;
        this.stop = stop;
    }

    @Override
    public void onPacket(long timestampNanos, int wireLength, MemorySegment data, long offset, int capturedLength, int linkType) {
        if (firstPacketNanos == Long.MIN_VALUE) {
            firstPacketNanos = timestampNanos;
            firstWallNanos = System.nanoTime();
        }
        long due = firstWallNanos + (timestampNanos - firstPacketNanos);
        long wait;
        while ((wait = due - System.nanoTime()) > 0 && !stop.getAsBoolean()) {
            LockSupport.parkNanos(Math.min(wait, SLICE_NANOS));
        }
        next.onPacket(timestampNanos, wireLength, data, offset, capturedLength, linkType);
    }
}
