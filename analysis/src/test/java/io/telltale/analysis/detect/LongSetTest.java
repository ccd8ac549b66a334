package io.telltale.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The raised keys' set answers as a {@code HashSet<Long>} would, through growth and the key zero. */
class LongSetTest {

    @Property(tries = 200)
    void answersAsAHashSet(@ForAll List<Long> added, @ForAll List<Long> asked) {
        LongSet set = new LongSet();
        Set<Long> expected = new HashSet<>();
        for (long key : added) {
            assertThat(set.add(key)).as("add %d", key).isEqualTo(expected.add(key));
        }
        assertThat(set.size()).isEqualTo(expected.size());
        for (long key : added) {
            assertThat(set.contains(key)).isTrue();
        }
        for (long key : asked) {
            assertThat(set.contains(key)).as("contains %d", key).isEqualTo(expected.contains(key));
        }
    }

    @Property(tries = 5)
    void holdsAMillionKeys(@ForAll long seed) {
        LongSet set = new LongSet();
        java.util.Random random = new java.util.Random(seed);
        long[] keys = random.longs(1_000_000).toArray();
        Set<Long> expected = new HashSet<>();
        for (long key : keys) {
            set.add(key);
            expected.add(key);
        }
        assertThat(set.size()).isEqualTo(expected.size());
        for (long key : keys) {
            assertThat(set.contains(key)).isTrue();
        }
        assertThat(set.contains(0)).isEqualTo(expected.contains(0L));
        assertThat(set.add(0)).isTrue();
        assertThat(set.contains(0)).isTrue();
        assertThat(set.size()).isEqualTo(expected.size() + 1);
    }
}
