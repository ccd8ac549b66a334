package io.telltale.analysis.detect;

/**
 * A set of longs in one open-addressed array: the keys of the alerts raised, asked of every finding
 * of every flow. A {@code HashSet<Long>} boxed each key asked and chased a node per lookup, a
 * fiftieth of a read whose policy declares nothing. Keys are never removed. Not thread-safe.
 */
final class LongSet {

    private static final long EMPTY = 0;

    private long[] slots = new long[1 << 10];
    private int size;
    /** Zero marks an empty slot, so the key zero is kept aside. */
    private boolean hasZero;

    boolean contains(long key) {
        return key == EMPTY ? hasZero : slots[probe(slots, key)] == key;
    }

    /** Adds the key; false when it was there. */
    boolean add(long key) {
        if (key == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            size += added ? 1 : 0;
            return added;
        }
        if (insert(slots, key)) {
            size++;
            if (size * 2 > slots.length) { // at most half full: probes stay short
                grow();
            }
            return true;
        }
        return false;
    }

    int size() {
        return size;
    }

    private static boolean insert(long[] table, long key) {
        int i = probe(table, key);
        if (table[i] == key) {
            return false;
        }
        table[i] = key;
        return true;
    }

    /** The key's slot, or the empty slot where it would go (the table is never full). */
    private static int probe(long[] table, long key) {
        int mask = table.length - 1;
        int i = slot(key, mask);
        while (table[i] != key && table[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long key : slots) {
            if (key != EMPTY) {
                insert(bigger, key);
            }
        }
        slots = bigger;
    }

    /** The keys are hashes already, but their low bits may not be well mixed: one multiply spreads them. */
    private static int slot(long key, int mask) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }
}
