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
        int[][] merged = new int[nodes][];
        merged[0] = trie.outputs(0);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < 256; c++) {
            int child = trie.child(0, c);
            rootNext[c] = child;
            if (child != 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
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
        outputStart = new int[nodes];
        outputCount = new int[nodes];
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

    /** Every occurrence of every pattern in {@code b[from, to)}. */
    public void scan(byte[] b, int from, int to, Hits hits) {
        int state = 0;
        for (int i = from; i < to; i++) {
            state = step(state, FOLD[b[i] & 0xff] & 0xff);
            if (outputCount[state] != 0) {
                report(state, b, from, i + 1, hits);
            }
        }
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
        while (s != 0) {
            int t = child(s, c);
            if (t != 0) {
                return t;
            }
            s = fail[s];
        }
        return rootNext[c];
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
