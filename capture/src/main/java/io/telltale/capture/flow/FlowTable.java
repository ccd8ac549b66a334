package io.telltale.capture.flow;

import io.telltale.capture.stream.ReassemblyBudget;

/**
 * Open-addressing hash table of live flows. Slots hold indices into a pool of {@link Flow} objects,
 * so deleting (backward-shift, no tombstones) moves only ints and flows keep a stable index. Keys
 * are canonical: A→B and B→A find the same flow and {@link #lastLookupSourceIsA()} tells the
 * direction. Each flow has a deadline (when its timeout ends it); when the table holds
 * {@code maxFlows} flows, the victim is the flow with the earliest deadline among a window of the pool,
 * which approximates "least recently active" without touching a list on every packet.
 *
 * <p>Not thread-safe: one table per worker. Steady state allocates nothing.
 */
public final class FlowTable {

    /** A slot packs the flow's key hash (high half) and pool index + 1 (low half); 0 is empty. */
    private static final long EMPTY_SLOT = 0;

    private final int maxFlows;
    private final int mask;
    /** Hash and index side by side: one cache line answers "is this the flow?" without touching it. */
    private final long[] slots;
    /** Packet time after which each pooled flow is over; Long.MAX_VALUE for free entries. Scanned by the sweep. */
    private final long[] deadlines;
    private final Flow[] pool;
    private final ReassemblyBudget budget;
    private final int[] freeList;
    private int freeCount;
    private int allocated;
    private int size;
    /** Pool entries compared when choosing an eviction victim. */
    static final int EVICTION_WINDOW = 64;
    private int evictionCursor;
    private boolean lastSourceIsA;

    public FlowTable(int maxFlows, ReassemblyBudget budget) {
        if (maxFlows < 1 || maxFlows > (1 << 28)) {
            throw new IllegalArgumentException("maxFlows out of range: " + maxFlows);
        }
        this.maxFlows = maxFlows;
        int capacity = Integer.highestOneBit(maxFlows * 2 - 1) << 1;
        this.mask = capacity - 1;
        this.slots = new long[capacity];
        this.deadlines = new long[maxFlows];
        java.util.Arrays.fill(deadlines, Long.MAX_VALUE);
        this.pool = new Flow[maxFlows];
        this.freeList = new int[maxFlows];
        this.budget = budget;
    }

    public int size() {
        return size;
    }

    public int maxFlows() {
        return maxFlows;
    }

    public boolean full() {
        return size == maxFlows;
    }

    /** Direction of the packet given to the last successful {@link #find}: true when its source is A. */
    public boolean lastLookupSourceIsA() {
        return lastSourceIsA;
    }

    /** Whether the packet's source is endpoint A of the canonical key. */
    static boolean sourceIsA(long srcHigh, long srcLow, int srcPort, long dstHigh, long dstLow, int dstPort, boolean oneWay) {
        if (oneWay) {
            return true;
        }
        int order = Long.compareUnsigned(srcHigh, dstHigh);
        if (order == 0) {
            order = Long.compareUnsigned(srcLow, dstLow);
        }
        if (order == 0) {
            order = Integer.compare(srcPort, dstPort);
        }
        return order <= 0;
    }

    /** Hash of the canonical key; the same for both directions by construction. */
    static int hash(long aHigh, long aLow, int aPort, long bHigh, long bLow, int bPort, int protocol, boolean oneWay) {
        long h = FlowIds.mix(aHigh * 0x9E3779B97F4A7C15L + aLow);
        h = FlowIds.mix(h ^ (bHigh * 0xC2B2AE3D27D4EB4FL + bLow));
        h = FlowIds.mix(h ^ (((long) aPort << 32) | ((long) bPort << 8) | protocol | (oneWay ? 1L << 62 : 0)));
        return (int) (h ^ (h >>> 32));
    }

    /** Finds the flow of a packet, or returns -1. */
    public int find(long srcHigh, long srcLow, int srcPort, long dstHigh, long dstLow, int dstPort, int protocol,
                    boolean oneWay) {
        boolean sourceIsA = sourceIsA(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort, oneWay);
        long aHigh = sourceIsA ? srcHigh : dstHigh;
        long aLow = sourceIsA ? srcLow : dstLow;
        int aPort = sourceIsA ? srcPort : dstPort;
        long bHigh = sourceIsA ? dstHigh : srcHigh;
        long bLow = sourceIsA ? dstLow : srcLow;
        int bPort = sourceIsA ? dstPort : srcPort;
        int h = hash(aHigh, aLow, aPort, bHigh, bLow, bPort, protocol, oneWay);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            long entry = slots[slot];
            if (entry == EMPTY_SLOT) {
                return -1;
            }
            if ((int) (entry >>> 32) != h) {
                continue;
            }
            int index = (int) entry - 1;
            Flow f = pool[index];
            if (f.aLow == aLow && f.bLow == bLow && f.aPort == aPort && f.bPort == bPort
                    && f.aHigh == aHigh && f.bHigh == bHigh && f.protocol == protocol && f.oneWay == oneWay) {
                lastSourceIsA = sourceIsA;
                return index;
            }
        }
    }

    /**
     * Inserts a new flow for a packet; the caller has checked that it is absent and that the table
     * is not full. The packet's source becomes the originator; the caller may flip it.
     */
    public int insert(long srcHigh, long srcLow, int srcPort, long dstHigh, long dstLow, int dstPort, int protocol,
                      boolean oneWay) {
        if (size == maxFlows) {
            throw new IllegalStateException("flow table full; evict first");
        }
        boolean sourceIsA = sourceIsA(srcHigh, srcLow, srcPort, dstHigh, dstLow, dstPort, oneWay);
        int index = freeCount > 0 ? freeList[--freeCount] : allocated++;
        Flow f = pool[index];
        if (f == null) {
            f = new Flow(index, budget);
            pool[index] = f;
        }
        f.aHigh = sourceIsA ? srcHigh : dstHigh;
        f.aLow = sourceIsA ? srcLow : dstLow;
        f.aPort = sourceIsA ? srcPort : dstPort;
        f.bHigh = sourceIsA ? dstHigh : srcHigh;
        f.bLow = sourceIsA ? dstLow : srcLow;
        f.bPort = sourceIsA ? dstPort : srcPort;
        f.protocol = protocol;
        f.oneWay = oneWay;
        f.originatorIsA = sourceIsA;
        f.keyHash = hash(f.aHigh, f.aLow, f.aPort, f.bHigh, f.bLow, f.bPort, protocol, oneWay);
        int slot = f.keyHash & mask;
        while (slots[slot] != EMPTY_SLOT) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = pack(f.keyHash, index);
        deadlines[index] = Long.MAX_VALUE;
        size++;
        lastSourceIsA = sourceIsA;
        return index;
    }

    /** Sets the packet time after which the flow is over (its idle or linger deadline). */
    public void deadline(int index, long nanos) {
        deadlines[index] = nanos;
    }

    public long deadline(int index) {
        return deadlines[index];
    }

    /** Number of pool entries ever used; indices below it may hold a flow. */
    public int poolSize() {
        return allocated;
    }

    public Flow flow(int index) {
        return pool[index];
    }

    /**
     * The flow to evict when the table is full: the earliest deadline among the next
     * {@link #EVICTION_WINDOW} live entries of the pool (round robin), a watched flow (one a policy
     * device started) only when every flow in the window is watched; -1 when empty.
     */
    public int evictionVictim() {
        if (size == 0) {
            return -1;
        }
        int victim = -1;
        long earliest = Long.MAX_VALUE;
        int watchedVictim = -1;
        long watchedEarliest = Long.MAX_VALUE;
        int seen = 0;
        for (int step = 0; step < allocated && seen < EVICTION_WINDOW; step++) {
            int index = evictionCursor;
            evictionCursor = evictionCursor + 1 == allocated ? 0 : evictionCursor + 1;
            Flow f = pool[index];
            if (f == null || !f.inUse) {
                continue;
            }
            seen++;
            if (f.watched) {
                if (watchedVictim < 0 || deadlines[index] < watchedEarliest) {
                    watchedVictim = index;
                    watchedEarliest = deadlines[index];
                }
            } else if (victim < 0 || deadlines[index] < earliest) {
                victim = index;
                earliest = deadlines[index];
            }
        }
        return victim >= 0 ? victim : watchedVictim;
    }

    /** True when the pool entry holds a live flow. */
    public boolean live(int index) {
        Flow f = pool[index];
        return f != null && f.inUse;
    }

    /** Removes a flow; its index may be handed out again by the next insert. */
    public void remove(int index) {
        Flow f = pool[index];
        int slot = f.keyHash & mask;
        long entry = pack(f.keyHash, index);
        while (slots[slot] != entry) {
            slot = (slot + 1) & mask;
        }
        // Backward-shift deletion: pull later members of the probe run into the hole.
        int hole = slot;
        int next = (hole + 1) & mask;
        while (slots[next] != EMPTY_SLOT) {
            int home = (int) (slots[next] >>> 32) & mask;
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                slots[hole] = slots[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        slots[hole] = EMPTY_SLOT;
        deadlines[index] = Long.MAX_VALUE;
        f.inUse = false;
        freeList[freeCount++] = index;
        size--;
    }

    private static long pack(int hash, int index) {
        return ((long) hash << 32) | (index + 1L);
    }
}
