package io.telltale.capture.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The range set agrees with a plain array of booleans, one per byte, under any sequence of adds. */
class RangeSetPropertyTest {

    @Provide
    Arbitrary<List<int[]>> ranges() {
        return Arbitraries.integers().between(0, 200).list().ofSize(2)
                .map(pair -> new int[] {Math.min(pair.get(0), pair.get(1)), Math.max(pair.get(0), pair.get(1)) + 1})
                .list().ofMaxSize(40);
    }

    @Property
    void agreesWithAByteMap(@ForAll("ranges") List<int[]> adds) {
        RangeSet set = new RangeSet(8);
        boolean[] model = new boolean[202];
        for (int[] r : adds) {
            boolean overlapInModel = false;
            for (int b = r[0]; b < r[1]; b++) {
                overlapInModel |= model[b];
            }
            int outcome = set.add(r[0], r[1]);
            if (outcome == RangeSet.FULL) {
                assertThat(set.isFull()).isTrue();
                continue;
            }
            assertThat(outcome == RangeSet.OVERLAPPED).isEqualTo(overlapInModel);
            for (int b = r[0]; b < r[1]; b++) {
                model[b] = true;
            }
        }
        boolean[] fromSet = new boolean[202];
        for (int i = 0; i < set.size(); i++) {
            assertThat(set.start(i)).isLessThan(set.end(i));
            if (i > 0) {
                assertThat(set.start(i)).as("disjoint, sorted, not touching").isGreaterThan(set.end(i - 1));
            }
            for (long b = set.start(i); b < set.end(i); b++) {
                fromSet[(int) b] = true;
            }
        }
        assertThat(fromSet).isEqualTo(model);
    }
}
