package io.telltale.capture.range;

/**
 * Sorted, disjoint half-open ranges {@code [start, end)} with a fixed capacity. Adding a range merges
 * it with every range it touches, so the set stays minimal. Capacity bounds the memory a hostile
 * sender can make us spend on holes.
 */
public final class RangeSet {

    /** {@link #add} outcome: stored, overlapping nothing that was held. */
    public static final int ADDED = 0;
    /** {@link #add} outcome: stored, but some bytes were already held. */
    public static final int OVERLAPPED = 1;
    /** {@link #add} outcome: not stored, the set is full. */
    public static final int FULL = 2;

    private final long[] starts;
    private final long[] ends;
    private int size;

    public RangeSet(int capacity) {
        this.starts = new long[capacity];
        this.ends = new long[capacity];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean isFull() {
        return size == starts.length;
    }

    public long start(int i) {
        return starts[i];
    }

    public long end(int i) {
        return ends[i];
    }

    public void clear() {
        size = 0;
    }

    /** True when one range holds all of {@code [start, end)}. */
    public boolean covers(long start, long end) {
        for (int i = 0; i < size; i++) {
            if (starts[i] <= start && ends[i] >= end) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code [start, end)}, merging it with the ranges it overlaps or touches. */
    public int add(long start, long end) {
        int i = 0;
        while (i < size && ends[i] < start) {
            i++;
        }
        boolean overlap = false;
        long mergedStart = start;
        long mergedEnd = end;
        int j = i;
        while (j < size && starts[j] <= end) {
            if (starts[j] < end && ends[j] > start) {
                overlap = true;
            }
            mergedStart = Math.min(mergedStart, starts[j]);
            mergedEnd = Math.max(mergedEnd, ends[j]);
            j++;
        }
        int merged = j - i;
        if (merged == 0) {
            if (size == starts.length) {
                return FULL;
            }
            System.arraycopy(starts, i, starts, i + 1, size - i);
            System.arraycopy(ends, i, ends, i + 1, size - i);
            size++;
        } else if (merged > 1) {
            System.arraycopy(starts, j, starts, i + 1, size - j);
            System.arraycopy(ends, j, ends, i + 1, size - j);
            size -= merged - 1;
        }
        starts[i] = mergedStart;
        ends[i] = mergedEnd;
        return overlap ? OVERLAPPED : ADDED;
    }

    /** Drops the lowest range. */
    public void removeFirst() {
        System.arraycopy(starts, 1, starts, 0, size - 1);
        System.arraycopy(ends, 1, ends, 0, size - 1);
        size--;
    }
}
