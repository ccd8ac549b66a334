package io.telltale.testdata.scenario;

import io.telltale.testdata.wire.Frame;
import io.telltale.testdata.wire.PcapFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Plans scenarios over a period and writes their conversations as one pcap in time order. A
 * conversation's frames are made only when the merge reaches its start and dropped once written, so
 * weeks of traffic need memory only for the conversations open at one moment.
 */
public final class ScenarioWriter {

    /** What was written. */
    public record Result(long frames, long bytes, long conversations, List<Truth> truths) {
    }

    private record Planned(long startNanos, int order, String scenario, int index, Script script) {
    }

    private static final class Running {
        final Iterator<Frame> frames;
        final int order;
        Frame next;

        Running(List<Frame> frames, int order) {
            this.frames = frames.iterator();
            this.order = order;
            this.next = this.frames.hasNext() ? this.frames.next() : null;
        }
    }

    private ScenarioWriter() {
    }

    public static Result write(List<Scenario> scenarios, Site site, long seed, long startNanos, long endNanos, double volumeScale,
                               Path pcap) throws IOException {
        return write(scenarios, site, seed, startNanos, endNanos, volumeScale, 1.0, pcap);
    }

    /** @param load how busy the lanes are: arrival rates times this (1 for a busy checkpoint) */
    public static Result write(List<Scenario> scenarios, Site site, long seed, long startNanos, long endNanos, double volumeScale,
                               double load, Path pcap) throws IOException {
        List<Planned> planned = new ArrayList<>();
        List<Truth> truths = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Plan plan = new Plan(site, startNanos, endNanos, volumeScale, load, new Random(mix(seed, scenario.id(), -1)));
            scenario.plan(plan);
            truths.addAll(plan.truths());
            int index = 0;
            for (Plan.Entry e : plan.entries()) {
                planned.add(new Planned(e.startNanos(), planned.size(), scenario.id(), index++, e.script()));
            }
        }
        planned.sort(Comparator.comparingLong(Planned::startNanos).thenComparingInt(Planned::order));
        PriorityQueue<Running> open = new PriorityQueue<>(Comparator.<Running>comparingLong(r -> r.next.timestampNanos())
                .thenComparingInt(r -> r.order));
        try (PcapFileWriter out = new PcapFileWriter(pcap)) {
            int nextToStart = 0;
            while (nextToStart < planned.size() || !open.isEmpty()) {
                while (nextToStart < planned.size()
                        && (open.isEmpty() || planned.get(nextToStart).startNanos() <= open.peek().next.timestampNanos())) {
                    Planned p = planned.get(nextToStart++);
                    Talk talk = new Talk(site, p.startNanos(), new Random(mix(seed, p.scenario(), p.index())));
                    p.script().write(talk);
                    Running r = new Running(talk.frames(), p.order());
                    if (r.next != null) {
                        open.add(r);
                    }
                }
                Running r = open.poll();
                if (r == null) {
                    continue;
                }
                out.write(r.next);
                r.next = r.frames.hasNext() ? r.frames.next() : null;
                if (r.next != null) {
                    open.add(r);
                }
            }
            return new Result(out.frames(), out.bytes(), planned.size(), truths);
        }
    }

    /** A seed for one random stream, from the run's seed, the scenario and the conversation's place. */
    static long mix(long seed, String scenario, int index) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < scenario.length(); i++) {
            h = (h ^ scenario.charAt(i)) * 0xBF58476D1CE4E5B9L;
        }
        h ^= index * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
