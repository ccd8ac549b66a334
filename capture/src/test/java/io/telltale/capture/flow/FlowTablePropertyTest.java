package io.telltale.capture.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.capture.stream.ReassemblyBudget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Canonical keys are symmetric, and the table behaves like a {@link HashMap} under inserts and removals. */
class FlowTablePropertyTest {

    record Tuple(long srcHigh, long srcLow, int srcPort, long dstHigh, long dstLow, int dstPort, int protocol) {
        Tuple reversed() {
            return new Tuple(dstHigh, dstLow, dstPort, srcHigh, srcLow, srcPort, protocol);
        }

        /** The model's key: the unordered pair of endpoints plus protocol. */
        List<Object> canonical() {
            String a = Long.toUnsignedString(srcHigh) + "/" + Long.toUnsignedString(srcLow) + "/" + srcPort;
            String b = Long.toUnsignedString(dstHigh) + "/" + Long.toUnsignedString(dstLow) + "/" + dstPort;
            return a.compareTo(b) <= 0 ? List.of(a, b, protocol) : List.of(b, a, protocol);
        }
    }

    @Provide
    Arbitrary<Tuple> tuples() {
        // Few distinct values so that collisions, reversed duplicates and equal endpoints happen often.
        Arbitrary<Long> high = Arbitraries.of(0L, 0x20010db800000000L, -1L);
        Arbitrary<Long> low = Arbitraries.of(0x0000ffff0a000001L, 0x0000ffff0a000002L, 1L, Long.MIN_VALUE);
        Arbitrary<Integer> port = Arbitraries.of(0, 53, 443, 65535);
        return Combinators.combine(high, low, port, high, low, port, Arbitraries.of(6, 17, 1))
                .as(Tuple::new);
    }

    @Property
    void bothDirectionsFindTheSameFlow(@ForAll("tuples") Tuple t) {
        FlowTable table = new FlowTable(8, new ReassemblyBudget(1024, 1));
        int index = table.insert(t.srcHigh(), t.srcLow(), t.srcPort(), t.dstHigh(), t.dstLow(), t.dstPort(), t.protocol(), false);
        assertThat(table.lastLookupSourceIsA()).isEqualTo(FlowTable.sourceIsA(t.srcHigh(), t.srcLow(), t.srcPort(),
                t.dstHigh(), t.dstLow(), t.dstPort(), false));
        Tuple r = t.reversed();
        assertThat(table.find(t.srcHigh(), t.srcLow(), t.srcPort(), t.dstHigh(), t.dstLow(), t.dstPort(), t.protocol(), false)).isEqualTo(index);
        boolean forwardIsA = table.lastLookupSourceIsA();
        assertThat(table.find(r.srcHigh(), r.srcLow(), r.srcPort(), r.dstHigh(), r.dstLow(), r.dstPort(), r.protocol(), false)).isEqualTo(index);
        boolean backwardIsA = table.lastLookupSourceIsA();
        boolean sameEndpoint = t.srcHigh() == t.dstHigh() && t.srcLow() == t.dstLow() && t.srcPort() == t.dstPort();
        if (!sameEndpoint) {
            assertThat(backwardIsA).isNotEqualTo(forwardIsA);
        }
        assertThat(FlowTable.hash(1, 2, 3, 4, 5, 6, 7, false)).isEqualTo(FlowTable.hash(1, 2, 3, 4, 5, 6, 7, false));
    }

    @Property(tries = 300)
    void behavesLikeAHashMap(@ForAll("operations") List<Object[]> operations) {
        FlowTable table = new FlowTable(16, new ReassemblyBudget(1024, 1));
        Map<List<Object>, Integer> model = new HashMap<>();
        for (Object[] op : operations) {
            Tuple t = (Tuple) op[1];
            int found = table.find(t.srcHigh(), t.srcLow(), t.srcPort(), t.dstHigh(), t.dstLow(), t.dstPort(), t.protocol(), false);
            Integer expected = model.get(t.canonical());
            assertThat(found).isEqualTo(expected == null ? -1 : expected);
            if ((Boolean) op[0]) {
                if (expected == null && !table.full()) {
                    int index = table.insert(t.srcHigh(), t.srcLow(), t.srcPort(), t.dstHigh(), t.dstLow(), t.dstPort(), t.protocol(), false);
                    model.put(t.canonical(), index);
                }
            } else if (expected != null) {
                table.remove(expected);
                model.remove(t.canonical());
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        // Every remaining flow is still reachable after all the backward shifts.
        for (Map.Entry<List<Object>, Integer> e : model.entrySet()) {
            Flow f = table.flow(e.getValue());
            assertThat(table.find(f.aHigh, f.aLow, f.aPort, f.bHigh, f.bLow, f.bPort, f.protocol, false)).isEqualTo(e.getValue());
        }
    }

    @Provide
    Arbitrary<List<Object[]>> operations() {
        return Combinators.combine(Arbitraries.of(true, true, false), tuples())
                .as((insert, tuple) -> new Object[] {insert, tuple})
                .list().ofMinSize(1).ofMaxSize(200);
    }
}
