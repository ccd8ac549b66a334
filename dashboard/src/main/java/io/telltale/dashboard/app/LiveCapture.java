package io.telltale.dashboard.app;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.analysis.pipeline.ParallelPipeline;
import io.telltale.analysis.pipeline.SerialSink;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.source.live.AfPacketConfig;
import io.telltale.capture.source.live.AfPacketSource;
import io.telltale.capture.source.live.CaptureCounters;
import io.telltale.capture.source.live.LibpcapSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live capture on every core. With AF_PACKET, each worker thread opens its own socket in a
 * PACKET_FANOUT group (hash of the flow, both directions alike, fragments reassembled first) and owns
 * the flows that socket gets: no hand-over at all. With libpcap, one reader thread hands frames to the
 * workers of a {@link ParallelPipeline}, shedding (and counting) rather than blocking when one falls
 * behind. Either way events go to one sink, one at a time.
 */
final class LiveCapture {

    /** One worker's share: its source and the counters read from it. */
    interface Share {
        String name();

        CaptureCounters counters();
    }

    private final String interfaceName;
    private final boolean afPacket;
    private final int workers;
    private final AfPacketConfig ring;
    private final FlowConfig config;
    private final EventSink sink;
    private final List<Share> shares = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean stopping;
    private ParallelPipeline parallel;
    private final List<AnalysisPipeline> pipelines = new ArrayList<>();

    LiveCapture(String interfaceName, boolean afPacket, int workers, AfPacketConfig ring, FlowConfig config, EventSink sink) {
        this.interfaceName = interfaceName;
        this.afPacket = afPacket;
        this.workers = workers;
        this.ring = ring;
        this.config = config;
        this.sink = new SerialSink(sink);
    }

    /** Opens every source on its own thread and starts reading; returns once all are open (or one failed). */
    void start() throws InterruptedException {
        CountDownLatch open = new CountDownLatch(afPacket ? workers : 1);
        if (afPacket) {
            int group = (int) (ProcessHandle.current().pid() & 0x7fff) + 1;
            for (int i = 0; i < workers; i++) {
                AfPacketConfig socket = workers > 1 ? ring.withFanout(group) : ring;
                AnalysisPipeline pipeline = new AnalysisPipeline(config, BuiltInProtocols.ALL, sink);
                pipelines.add(pipeline);
                threads.add(Thread.ofPlatform().name("telltale-capture-" + i).start(() -> {
                    try (AfPacketSource source = new AfPacketSource(socket)) {
                        register(new SourceShare(source.name() + "#" + shares.size(), source::counters));
                        open.countDown();
                        loop(source, pipeline);
                        pipeline.finish();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        open.countDown();
                    }
                }));
            }
        } else {
            parallel = new ParallelPipeline(workers, config, BuiltInProtocols.ALL, true, sink, true);
            threads.add(Thread.ofPlatform().name("telltale-capture").start(() -> {
                try (LibpcapSource source = new LibpcapSource(interfaceName, ring.snapLength(), ring.promiscuous(), ring.filter())) {
                    register(new SourceShare(source.name(), source::counters));
                    open.countDown();
                    loop(source, parallel);
                    parallel.finish();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                    open.countDown();
                }
            }));
        }
        open.await(30, TimeUnit.SECONDS);
        RuntimeException e = failure.get();
        if (e != null) {
            stop();
            throw e;
        }
    }

    private synchronized void register(Share share) {
        shares.add(share);
    }

    private void loop(io.telltale.capture.source.PacketSource source, io.telltale.capture.source.PacketHandler handler) {
        while (!stopping) {
            if (source.poll(handler, 256) == io.telltale.capture.source.PacketSource.END_OF_INPUT) {
                return;
            }
        }
        while (source.poll(handler, 256) > 0) {
            // what is already in the ring is read before the flows are ended
        }
    }

    /** Asks every reader to stop, waits until their flows are ended and written. Rethrows a failure. */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread t : threads) {
            t.join();
        }
        RuntimeException e = failure.get();
        if (e != null) {
            failure.set(null);
            throw e;
        }
    }

    synchronized List<Share> shares() {
        return List.copyOf(shares);
    }

    /** Frames the workers' rings had no room for (libpcap source only; AF_PACKET workers read their own ring). */
    long shed() {
        return parallel == null ? 0 : parallel.shed();
    }

    long dissectorAnomalies() {
        return parallel != null ? parallel.dissectorAnomalies()
                : pipelines.stream().mapToLong(AnalysisPipeline::dissectorAnomalies).sum();
    }

    private record SourceShare(String name, java.util.function.Supplier<CaptureCounters> source) implements Share {
        @Override
        public CaptureCounters counters() {
            return source.get();
        }
    }
}
