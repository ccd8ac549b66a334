package io.telltale.signatures.match;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho–Corasick over bytes. Every pattern is entered folded to lower case, so one automaton serves
 * both kinds; a case-sensitive pattern's hits are checked against the original bytes. The trie is
 * kept as sorted edge arrays (the root dense), with outputs merged along failure links at build
 * time, so a scan is one state step per byte and allocates nothing. Immutable and thread-safe once
 * built.
 */
public final class PatternSet {

    /** Told of each occurrence: which pattern (its number at build time) and where it ends (exclusive, counted from {@code from}). */
    @FunctionalInterface
    public interface Hits {
        void hit(int pattern, int end);
    }

    private static final byte[] FOLD = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            FOLD[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }

    private final byte[][] patterns;
    private final boolean[] caseless;
    private final int[] rootNext = new int[256];
    private final int[] edgeStart;
    private final int[] edgeCount;
    private final byte[] edgeLabel;
    private final int[] edgeTarget;
    private final int[] fail;
    private final int[] outputStart;
    private final int[] outputCount;
    private final int[] outputs;
    /** Full transition rows (failures folded in) of the shallow states, where a scan spends most bytes: -1 for none. */
    private final int[] denseRow;
    private final int[] dense;
    /** States this close to the root get a dense row: 256 ints each (about 9,000 rows, 18 MB, for 10,000 ET patterns). */
    static final int DENSE_DEPTH = 4;
    /** Deeper states with this many children get a full row too. */
    static final int FAN_OUT = 8;
    /**
     * Each state as the scan loop carries it: a dense state as its row offset (a multiple of 256) with
     * bit 0 set when it has outputs, any other state as {@code -(state + 1)}.
     */
    private final int[] code;
    /** Dense rows again, indexed by the raw byte (folding done) and holding codes: the scan's common step is one load. */
    private final int[] fast;
    /** The state of each dense row ({@code rowState[offset >> 8]}). */
    private final int[] rowState;

    private PatternSet(Builder b) {
        int patternCount = b.patterns.size();
        patterns = b.patterns.toArray(new byte[0][]);
        caseless = new boolean[patternCount];
        for (int i = 0; i < patternCount; i++) {
            caseless[i] = b.caseless.get(i);
        }
        // the trie while building: per node, its children as (label << 24 | node), few per node
        Trie trie = new Trie();
        for (int p = 0; p < patternCount; p++) {
            int node = 0;
            for (byte raw : patterns[p]) {
                int c = FOLD[raw & 0xff] & 0xff;
                int next = trie.child(node, c);
                if (next == 0) {
                    next = trie.add(node, c);
                }
                node = next;
            }
            trie.own(node, p);
        }
        int nodes = trie.size;
        fail = new int[nodes];
        int[] depth = new int[nodes];
        List<Integer> order = new ArrayList<>(); // breadth first: a state's failure comes before it
        int[][] merged = new int[nodes][];
        merged[0] = trie.outputs(0);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < 256; c++) {
            int child = trie.child(0, c);
            rootNext[c] = child;
            if (child != 0) {
                queue.add(child);
                depth[child] = 1;
            }
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            order.add(node);
            int[] failOutputs = merged[fail[node]];
            int[] mine = trie.outputs(node);
            int[] all = Arrays.copyOf(mine, mine.length + failOutputs.length);
            System.arraycopy(failOutputs, 0, all, mine.length, failOutputs.length);
            merged[node] = all;
            for (int packed : trie.children(node)) {
                int c = packed >>> 24;
                int child = packed & 0xffffff;
                int f = fail[node];
                while (f != 0 && trie.child(f, c) == 0) {
                    f = fail[f];
                }
                fail[child] = trie.child(f, c);
                depth[child] = depth[node] + 1;
                queue.add(child);
            }
        }
        // flattened: edges sorted by label per node, outputs per node
        edgeStart = new int[nodes];
        edgeCount = new int[nodes];
        int edges = nodes - 1;
        edgeLabel = new byte[edges];
        edgeTarget = new int[edges];
        int e = 0;
        for (int node = 0; node < nodes; node++) {
            edgeStart[node] = e;
            int[] kids = trie.children(node).clone();
            for (int k = 0; k < kids.length; k++) {
                kids[k] ^= Integer.MIN_VALUE; // sorted as unsigned: by the label, the high byte
            }
            Arrays.sort(kids);
            for (int flipped : kids) {
                int packed = flipped ^ Integer.MIN_VALUE;
                edgeLabel[e] = (byte) (packed >>> 24);
                edgeTarget[e] = packed & 0xffffff;
                e++;
            }
            edgeCount[node] = kids.length;
        }
        denseRow = new int[nodes];
        java.util.Arrays.fill(denseRow, -1);
        int rows = 1;
        for (int node : order) {
            if (dense(depth[node], trie.children(node).length)) {
                rows++;
            }
        }
        dense = new int[rows * 256];
        denseRow[0] = 0;
        System.arraycopy(rootNext, 0, dense, 0, 256);
        int row = 256;
        for (int node : order) {
            if (!dense(depth[node], trie.children(node).length)) {
                continue;
            }
            denseRow[node] = row;
            for (int c = 0; c < 256; c++) {
                int t = trie.child(node, c);
                dense[row + c] = t != 0 ? t : transition(trie, fail[node], c); // shallower states are done
            }
            row += 256;
        }
        outputStart = new int[nodes];
        outputCount = new int[nodes];
        code = new int[nodes];
        rowState = new int[rows];
        fast = new int[rows * 256];
        int total = 0;
        for (int[] m : merged) {
            total += m.length;
        }
        outputs = new int[total];
        int o = 0;
        for (int node = 0; node < nodes; node++) {
            outputStart[node] = o;
            outputCount[node] = merged[node].length;
            System.arraycopy(merged[node], 0, outputs, o, merged[node].length);
            o += merged[node].length;
        }
        for (int node = 0; node < nodes; node++) {
            code[node] = denseRow[node] >= 0 ? denseRow[node] | (outputCount[node] != 0 ? 1 : 0) : -(node + 1);
            if (denseRow[node] >= 0) {
                rowState[denseRow[node] >> 8] = node;
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < 256; v++) {
                fast[r * 256 + v] = code[dense[r * 256 + (FOLD[v] & 0xff)]];
            }
        }
    }

    /** The trie under construction. */
    private static final class Trie {
        private static final int[] NONE = new int[0];
        int[][] kids = new int[1024][];
        int[][] own = new int[1024][];
        int size = 1;

        Trie() {
            kids[0] = NONE;
        }

        int child(int node, int c) {
            for (int packed : kids[node]) {
                if (packed >>> 24 == c) {
                    return packed & 0xffffff;
                }
            }
            return 0;
        }

        int[] children(int node) {
            return kids[node];
        }

        int add(int node, int c) {
            if (size >= 0xffffff) {
                throw new IllegalArgumentException("too many patterns: more than 16 million trie nodes");
            }
            if (size == kids.length) {
                kids = Arrays.copyOf(kids, size * 2);
                own = Arrays.copyOf(own, size * 2);
            }
            int child = size++;
            kids[child] = NONE;
            int[] k = Arrays.copyOf(kids[node], kids[node].length + 1);
            k[k.length - 1] = c << 24 | child;
            kids[node] = k;
            return child;
        }

        void own(int node, int pattern) {
            int[] o = own[node] == null ? NONE : own[node];
            o = Arrays.copyOf(o, o.length + 1);
            o[o.length - 1] = pattern;
            own[node] = o;
        }

        int[] outputs(int node) {
            return own[node] == null ? NONE : own[node];
        }
    }

    /** Whether a state gets a full row: near the root, or with many children (a binary search there costs on every byte). */
    private static boolean dense(int depth, int children) {
        return depth <= DENSE_DEPTH || children >= FAN_OUT;
    }

    /** The automaton's move from {@code state} on {@code c}, while rows are being built (rows of shallower states are done). */
    private int transition(Trie trie, int state, int c) {
        int s = state;
        while (true) {
            if (denseRow[s] >= 0) {
                return dense[denseRow[s] + c];
            }
            int t = trie.child(s, c);
            if (t != 0) {
                return t;
            }
            s = fail[s];
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return patterns.length;
    }

    /** Trie nodes: what the automaton costs in memory, roughly 20 bytes each. */
    public int states() {
        return fail.length;
    }

    /** States with a full row of 256 transitions. */
    public int denseStates() {
        return rowState.length;
    }

    /** Every occurrence of every pattern in {@code b[from, to)}. */
    public void scan(byte[] b, int from, int to, Hits hits) {
        int cur = 0; // the root's code: row 0, no outputs
        for (int i = from; i < to; i++) {
            int v = b[i] & 0xff;
            if (cur >= 0) {
                cur = fast[(cur & ~1) + v]; // the common case: a shallow state, one load
                if (cur >= 0) {
                    if ((cur & 1) != 0) {
                        report(rowState[cur >> 8], b, from, i + 1, hits);
                    }
                } else if (outputCount[-cur - 1] != 0) {
                    report(-cur - 1, b, from, i + 1, hits);
                }
            } else {
                int state = step(-cur - 1, FOLD[v] & 0xff);
                cur = code[state];
                if (outputCount[state] != 0) {
                    report(state, b, from, i + 1, hits);
                }
            }
        }
    }

    /**
     * A prefilter's scan: each pattern that occurs in {@code b[from, to)} told, first at its first
     * occurrence, and each state's patterns at most once, as a rule is a candidate or not whatever
     * the count (a pattern several states end in may be told again). {@code seen} is the caller's,
     * one int per {@link #states() state}, and {@code stamp} new for each scan (a counter): a state
     * whose patterns were all told is skipped when met again, so a byte pattern that occurs
     * everywhere costs one look per occurrence.
     */
    public void scanDistinct(byte[] b, int from, int to, int[] seen, int stamp, Hits hits) {
        int cur = 0;
        for (int i = from; i < to; i++) {
            int v = b[i] & 0xff;
            int state;
            if (cur >= 0) {
                cur = fast[(cur & ~1) + v];
                if (cur >= 0) {
                    if ((cur & 1) == 0) {
                        continue;
                    }
                    state = rowState[cur >> 8];
                } else {
                    state = -cur - 1;
                    if (outputCount[state] == 0) {
                        continue;
                    }
                }
            } else {
                state = step(-cur - 1, FOLD[v] & 0xff);
                cur = code[state];
                if (outputCount[state] == 0) {
                    continue;
                }
            }
            if (seen[state] != stamp && reportAll(state, b, from, i + 1, hits)) {
                seen[state] = stamp;
            }
        }
    }

    /** Tells the state's patterns that match here; true when every one of them did (none needs looking at again). */
    private boolean reportAll(int state, byte[] b, int from, int end, Hits hits) {
        boolean all = true;
        int start = outputStart[state];
        for (int k = start; k < start + outputCount[state]; k++) {
            int p = outputs[k];
            byte[] pattern = patterns[p];
            if (caseless[p] || Arrays.equals(b, end - pattern.length, end, pattern, 0, pattern.length)) {
                hits.hit(p, end - from);
            } else {
                all = false;
            }
        }
        return all;
    }

    /** Every occurrence in {@code segment[from, to)}; case-sensitive hits are checked in place. */
    public void scan(MemorySegment segment, long from, long to, Hits hits) {
        int state = 0;
        for (long i = from; i < to; i++) {
            state = step(state, FOLD[segment.get(ValueLayout.JAVA_BYTE, i) & 0xff] & 0xff);
            int n = outputCount[state];
            if (n == 0) {
                continue;
            }
            int start = outputStart[state];
            for (int k = start; k < start + n; k++) {
                int p = outputs[k];
                if (caseless[p] || exact(segment, i + 1 - patterns[p].length, patterns[p])) {
                    hits.hit(p, (int) (i + 1 - from));
                }
            }
        }
    }

    private int step(int state, int c) {
        int s = state;
        while (true) {
            int row = denseRow[s];
            if (row >= 0) {
                return dense[row + c];
            }
            int t = child(s, c);
            if (t != 0) {
                return t;
            }
            s = fail[s];
        }
    }

    /** The child of {@code node} on {@code c}, 0 if none: a binary search of its sorted edges. */
    private int child(int node, int c) {
        int low = edgeStart[node];
        int high = low + edgeCount[node] - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int label = edgeLabel[mid] & 0xff;
            if (label < c) {
                low = mid + 1;
            } else if (label > c) {
                high = mid - 1;
            } else {
                return edgeTarget[mid];
            }
        }
        return 0;
    }

    private void report(int state, byte[] b, int from, int end, Hits hits) {
        int start = outputStart[state];
        for (int k = start; k < start + outputCount[state]; k++) {
            int p = outputs[k];
            byte[] pattern = patterns[p];
            if (caseless[p] || Arrays.equals(b, end - pattern.length, end, pattern, 0, pattern.length)) {
                hits.hit(p, end - from);
            }
        }
    }

    private static boolean exact(MemorySegment segment, long at, byte[] pattern) {
        for (int k = 0; k < pattern.length; k++) {
            if (segment.get(ValueLayout.JAVA_BYTE, at + k) != pattern[k]) {
                return false;
            }
        }
        return true;
    }

    /** Patterns are numbered in the order they are added. */
    public static final class Builder {
        private final List<byte[]> patterns = new ArrayList<>();
        private final List<Boolean> caseless = new ArrayList<>();

        /** Adds a pattern (not empty); returns its number. */
        public int add(byte[] pattern, boolean ignoreCase) {
            if (pattern.length == 0) {
                throw new IllegalArgumentException("a pattern cannot be empty");
            }
            patterns.add(pattern.clone());
            caseless.add(ignoreCase);
            return patterns.size() - 1;
        }

        public PatternSet build() {
            return new PatternSet(this);
        }
    }
}
