package io.telltale.signatures.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The automaton finds exactly what trying every pattern at every position finds. */
class PatternSetPropertyTest {

    /** Bytes from a small alphabet (with both cases and high bytes), so patterns overlap and nest. */
    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.of((byte) 'a', (byte) 'A', (byte) 'b', (byte) 'B', (byte) 0, (byte) 0xC1, (byte) 0xE1, (byte) '.')
                .array(byte[].class).ofMinSize(0).ofMaxSize(300);
    }

    @Provide
    Arbitrary<byte[]> patterns() {
        return Arbitraries.of((byte) 'a', (byte) 'A', (byte) 'b', (byte) 'B', (byte) 0, (byte) 0xC1, (byte) 0xE1, (byte) '.')
                .array(byte[].class).ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<byte[]>> patternLists() {
        return patterns().list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 1000)
    void findsWhatTheNaiveScanFinds(@ForAll("bytes") byte[] text, @ForAll("patternLists") List<byte[]> patterns,
                                    @ForAll @Size(min = 40, max = 40) List<Boolean> caseless) {
        PatternSet.Builder b = PatternSet.builder();
        for (int p = 0; p < patterns.size(); p++) {
            b.add(patterns.get(p), caseless.get(p));
        }
        PatternSet set = b.build();
        List<String> expected = naive(text, patterns, caseless);
        List<String> found = new ArrayList<>();
        set.scan(text, 0, text.length, (p, end) -> found.add(p + "@" + end));
        List<String> inSegment = new ArrayList<>();
        set.scan(MemorySegment.ofArray(text), 0, text.length, (p, end) -> inSegment.add(p + "@" + end));
        found.sort(null);
        inSegment.sort(null);
        assertThat(found).isEqualTo(expected);
        assertThat(inSegment).isEqualTo(expected);
        // the prefilter's scan: every pattern that occurs, first at its first occurrence, whatever the scans before it
        int[] seen = new int[set.states()];
        set.scanDistinct(text, 0, text.length, seen, 1, (p, end) -> { });
        java.util.Map<Integer, Integer> first = new java.util.TreeMap<>();
        set.scanDistinct(text, 0, text.length, seen, 2, (p, end) -> first.putIfAbsent(p, end));
        java.util.Map<Integer, Integer> expectedFirst = new java.util.TreeMap<>();
        for (String hit : expected) {
            String[] pe = hit.split("@");
            expectedFirst.merge(Integer.parseInt(pe[0]), Integer.parseInt(pe[1]), Math::min);
        }
        assertThat(first).isEqualTo(expectedFirst);
    }

    static List<String> naive(byte[] text, List<byte[]> patterns, List<Boolean> caseless) {
        List<String> hits = new ArrayList<>();
        for (int p = 0; p < patterns.size(); p++) {
            byte[] pattern = patterns.get(p);
            for (int at = 0; at + pattern.length <= text.length; at++) {
                boolean match = true;
                for (int k = 0; k < pattern.length && match; k++) {
                    byte x = text[at + k];
                    byte y = pattern[k];
                    match = caseless.get(p) ? lower(x) == lower(y) : x == y;
                }
                if (match) {
                    hits.add(p + "@" + (at + pattern.length));
                }
            }
        }
        hits.sort(null);
        return hits;
    }

    private static int lower(byte b) {
        int c = b & 0xff;
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
