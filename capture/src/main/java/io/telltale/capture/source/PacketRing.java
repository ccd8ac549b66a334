package io.telltale.capture.source;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer, single-consumer queue of frames, packed into one off-heap byte ring: the
 * hand-over from a reader thread to the worker that owns a flow shard. No locks and no allocation:
 * the producer publishes its position with release semantics, the consumer reads it with acquire
 * semantics and publishes how far it has read the same way. A full ring refuses the frame
 * ({@link #offer} returns false) and the producer decides: wait (a file) or shed and count (a live
 * interface, which must never block).
 *
 * <pre>
 * record: length i32 (whole record, 8-aligned; -1 = wrap to the start) | link type i32 |
 *         timestamp i64 | wire length i32 | captured length i32 | reader's clock i64 | frame bytes
 * </pre>
 */
public final class PacketRing implements AutoCloseable {

    static final int HEADER = 32;
    static final int WRAP = -1;
    private static final VarHandle TAIL;
    private static final VarHandle HEAD;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(PacketRing.class, "tail", long.class);
            HEAD = MethodHandles.lookup().findVarHandle(PacketRing.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Arena arena = Arena.ofShared();
    private final MemorySegment ring;
    private final long capacity;
    private final long mask;
    /** Bytes written, ever; only the producer writes it. */
    @SuppressWarnings("unused")
    private volatile long tail;
    /** Bytes consumed, ever; only the consumer writes it. */
    @SuppressWarnings("unused")
    private volatile long head;
    private long cachedHead;

    /** @param capacityBytes a power of two of at least 64 KiB */
    public PacketRing(long capacityBytes) {
        if (capacityBytes < 65_536 || Long.bitCount(capacityBytes) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two of at least 64 KiB: " + capacityBytes);
        }
        this.capacity = capacityBytes;
        this.mask = capacityBytes - 1;
        this.ring = arena.allocate(capacityBytes, 8);
    }

    /** Told the producer's clock (the latest frame time it had read) before each frame is handled. */
    @FunctionalInterface
    public interface ClockListener {
        void advanceClock(long nanos);
    }

    /**
     * Producer: copies a frame in, with the producer's clock; false when it does not fit now (or ever:
     * larger than half the ring).
     */
    public boolean offer(long timestampNanos, int wireLength, MemorySegment data, long offset, int capturedLength, int linkType,
                         long clockNanos) {
        long need = (HEADER + capturedLength + 7L) & ~7L;
        if (need > capacity / 2) {
            return false;
        }
        long t = (long) TAIL.getOpaque(this);
        long position = t & mask;
        long skip = capacity - position < need ? capacity - position : 0;
        if (t + skip + need - cachedHead > capacity) {
            cachedHead = (long) HEAD.getAcquire(this);
            if (t + skip + need - cachedHead > capacity) {
                return false;
            }
        }
        if (skip > 0) {
            ring.set(ValueLayout.JAVA_INT, position, WRAP);
            position = 0;
        }
        ring.set(ValueLayout.JAVA_INT, position, (int) need);
        ring.set(ValueLayout.JAVA_INT, position + 4, linkType);
        ring.set(ValueLayout.JAVA_LONG, position + 8, timestampNanos);
        ring.set(ValueLayout.JAVA_INT, position + 16, wireLength);
        ring.set(ValueLayout.JAVA_INT, position + 20, capturedLength);
        ring.set(ValueLayout.JAVA_LONG, position + 24, clockNanos);
        MemorySegment.copy(data, offset, ring, position + HEADER, capturedLength);
        TAIL.setRelease(this, t + skip + need);
        return true;
    }

    /**
     * Consumer: hands up to {@code limit} frames to {@code handler}, in order, telling {@code clock} the
     * producer's clock before each; returns how many.
     */
    public int drain(PacketHandler handler, ClockListener clock, int limit) {
        long h = (long) HEAD.getOpaque(this);
        long t = (long) TAIL.getAcquire(this);
        int delivered = 0;
        while (h < t && delivered < limit) {
            long position = h & mask;
            int length = ring.get(ValueLayout.JAVA_INT, position);
            if (length == WRAP) {
                h += capacity - position;
                continue;
            }
            clock.advanceClock(ring.get(ValueLayout.JAVA_LONG, position + 24));
            handler.onPacket(ring.get(ValueLayout.JAVA_LONG, position + 8), ring.get(ValueLayout.JAVA_INT, position + 16), ring,
                    position + HEADER, ring.get(ValueLayout.JAVA_INT, position + 20), ring.get(ValueLayout.JAVA_INT, position + 4));
            h += length;
            delivered++;
        }
        HEAD.setRelease(this, h);
        return delivered;
    }

    /** Whether everything offered has been drained (for the consumer deciding it is done). */
    public boolean isEmpty() {
        return (long) HEAD.getOpaque(this) == (long) TAIL.getAcquire(this);
    }

    /** Bytes waiting, for health reporting. */
    public long fill() {
        return (long) TAIL.getAcquire(this) - (long) HEAD.getAcquire(this);
    }

    public long capacity() {
        return capacity;
    }

    @Override
    public void close() {
        arena.close();
    }
}
