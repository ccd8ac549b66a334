package io.telltale.analysis.pipeline;

import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.capture.decode.DecodeAnomaly;
import io.telltale.capture.decode.HostPairHash;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowMeter;
import io.telltale.capture.flow.StreamHandler;
import io.telltale.capture.source.PacketHandler;
import io.telltale.capture.source.PacketRing;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The pipeline on several cores: one reader thread calls {@link #onPacket}, which sends each frame by
 * the symmetric host-pair hash to one of N shards; each shard owns its part of the flow table and its
 * dissectors (an {@link AnalysisPipeline} of its own), so no flow state is shared and the packet path
 * takes no lock. Shard 0 runs on the reading thread itself (N shards take N threads, not N + 1, and
 * its frames are never copied); the others are fed through a {@link PacketRing} each. Events leave the workers into one sink, one at
 * a time (records are made per flow, not per packet, so that lock is off the packet path).
 *
 * <p>A full ring either makes the reader wait (a file: nothing is lost) or sheds the frame and
 * counts it (a live interface: the capture thread must never block, or the kernel drops instead).
 */
public final class ParallelPipeline implements PacketHandler {

    /** Ring per worker: 16 MiB, a few thousand frames of slack. */
    public static final long RING_BYTES = 16 << 20;
    static final int BATCH = 256;
    static final long IDLE_PARK_NANOS = 20_000;

    private final Worker[] workers;
    private final boolean shedWhenFull;
    private final AtomicLong shed = new AtomicLong();
    private volatile boolean inputEnded;
    /** The latest frame time read, passed with each frame so every shard expires flows by the same clock. */
    private long clockNanos = Long.MIN_VALUE;

    /**
     * @param dissect false for flow records only
     * @param shedWhenFull true for live input: a full ring drops the frame (counted) instead of waiting
     */
    public ParallelPipeline(int workerCount, FlowConfig config, List<ProtocolSpec> protocols, boolean dissect, EventSink sink,
                            boolean shedWhenFull) {
        if (workerCount < 1 || workerCount > 256) {
            throw new IllegalArgumentException("workers must be 1-256: " + workerCount);
        }
        this.shedWhenFull = shedWhenFull;
        EventSink serial = new SerialSink(sink);
        this.workers = new Worker[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = new Worker(i, config, protocols, dissect, serial);
        }
        for (int i = 1; i < workerCount; i++) {
            workers[i].thread.start();
        }
    }

    @Override
    public void onPacket(long timestampNanos, int wireLength, MemorySegment data, long offset, int capturedLength, int linkType) {
        int index = workers.length == 1 ? 0 : Math.floorMod(HostPairHash.of(data, offset, capturedLength, linkType), workers.length);
        Worker w = workers[index];
        if (timestampNanos > clockNanos) {
            clockNanos = timestampNanos;
        }
        if (index == 0) {
            w.clock.advanceClock(clockNanos);
            w.handler.onPacket(timestampNanos, wireLength, data, offset, capturedLength, linkType);
            return;
        }
        while (!w.ring.offer(timestampNanos, wireLength, data, offset, capturedLength, linkType, clockNanos)) {
            if (shedWhenFull || w.failure != null) {
                shed.incrementAndGet();
                return;
            }
            LockSupport.parkNanos(IDLE_PARK_NANOS);
        }
    }

    /** Each worker's payloads shown to an inspector of its own too; call before the first packet. */
    public ParallelPipeline inspectWith(java.util.function.Supplier<PayloadInspector> inspectors) {
        for (Worker w : workers) {
            if (w.pipeline != null) {
                w.pipeline.inspectWith(inspectors.get());
            }
        }
        return this;
    }

    /** Every worker's frames also go to an observer of its own (the packet store); call before the first packet. */
    public ParallelPipeline observeWith(java.util.function.Supplier<io.telltale.capture.flow.FlowPacketObserver> observers) {
        for (Worker w : workers) {
            w.meter().observeWith(observers.get());
        }
        return this;
    }

    /** The input has ended: workers drain their rings, end every flow, and stop. Rethrows a worker's failure. */
    public void finish() {
        inputEnded = true;
        for (int i = 1; i < workers.length; i++) {
            LockSupport.unpark(workers[i].thread);
        }
        workers[0].end(); // shard 0 ends its flows on this thread; its ring was never used
        workers[0].ring.close();
        for (int i = 1; i < workers.length; i++) {
            Worker w = workers[i];
            try {
                w.thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the workers finish", e);
            }
            w.ring.close();
        }
        for (Worker w : workers) {
            if (w.failure != null) {
                throw w.failure;
            }
        }
    }

    /** The latest frame time read. */
    public long clockNanos() {
        return clockNanos;
    }

    public int workers() {
        return workers.length;
    }

    /** Frames dropped because a worker's ring was full (live input only). */
    public long shed() {
        return shed.get();
    }

    public long packets() {
        return sum(w -> w.meter().stats().packets());
    }

    public long wireBytes() {
        return sum(w -> w.meter().stats().wireBytes());
    }

    public long records() {
        return sum(w -> w.meter().stats().recordsEmitted());
    }

    public long interimRecords() {
        return sum(w -> w.meter().stats().interimRecords());
    }

    public long evictions() {
        return sum(w -> w.meter().stats().evictions());
    }

    public long nonIpFrames() {
        return sum(w -> w.meter().decodeStats().nonIpFrames());
    }

    public long dissectorAnomalies() {
        return sum(w -> w.pipeline == null ? 0 : w.pipeline.dissectorAnomalies());
    }

    /** Each worker's flow meter, for health meters that read its counters (plain longs, read racily: figures, not facts). */
    public List<io.telltale.capture.flow.FlowMeter> meters() {
        List<io.telltale.capture.flow.FlowMeter> meters = new ArrayList<>();
        for (Worker w : workers) {
            meters.add(w.meter());
        }
        return meters;
    }

    /** Bytes waiting in each worker's ring, for health reports. */
    public List<Long> ringFill() {
        List<Long> fill = new ArrayList<>();
        for (Worker w : workers) {
            fill.add(w.ring.fill());
        }
        return fill;
    }

    public Map<DecodeAnomaly, Long> anomalies() {
        Map<DecodeAnomaly, Long> all = new EnumMap<>(DecodeAnomaly.class);
        for (Worker w : workers) {
            w.meter().decodeStats().nonZero().forEach((k, v) -> all.merge(k, v, Long::sum));
        }
        return all;
    }

    private long sum(java.util.function.ToLongFunction<Worker> f) {
        long total = 0;
        for (Worker w : workers) {
            total += f.applyAsLong(w);
        }
        return total;
    }

    /** One shard: a ring in, a pipeline (or a bare flow meter) of its own, a thread. */
    private final class Worker implements Runnable {

        final PacketRing ring = new PacketRing(RING_BYTES);
        final AnalysisPipeline pipeline;
        final FlowMeter bareMeter;
        final PacketHandler handler;
        final PacketRing.ClockListener clock;
        final Thread thread;
        volatile RuntimeException failure;

        Worker(int index, FlowConfig config, List<ProtocolSpec> protocols, boolean dissect, EventSink sink) {
            pipeline = dissect ? new AnalysisPipeline(config, protocols, sink) : null;
            bareMeter = dissect ? null : new FlowMeter(config, record -> sink.accept(new FlowEvent(record)), StreamHandler.NONE);
            handler = dissect ? pipeline : bareMeter;
            clock = meter()::advanceClock;
            thread = Thread.ofPlatform().name("telltale-worker-" + index).unstarted(this);
        }

        FlowMeter meter() {
            return dissect() ? pipeline.meter() : bareMeter;
        }

        boolean dissect() {
            return pipeline != null;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    if (ring.drain(handler, clock, BATCH) == 0) {
                        if (inputEnded && ring.isEmpty()) {
                            break;
                        }
                        LockSupport.parkNanos(IDLE_PARK_NANOS);
                    }
                }
                end();
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        void end() {
            if (pipeline != null) {
                pipeline.finish();
            } else {
                bareMeter.finish();
            }
        }
    }
}
