package io.telltale.dashboard.app;

import io.telltale.analysis.detect.sensor.CaptureGaps;
import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.analysis.pipeline.ParallelPipeline;
import io.telltale.analysis.pipeline.PayloadInspector;
import io.telltale.analysis.pipeline.SerialSink;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.source.PacketHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.live.AfPacketConfig;
import io.telltale.capture.source.live.AfPacketSource;
import io.telltale.capture.source.live.CaptureCounters;
import io.telltale.capture.source.live.LibpcapSource;
import io.telltale.capture.source.live.LiveCaptureException;
import io.telltale.capture.store.PacketStore;
import io.telltale.capture.store.PacketStoreWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Live capture on every core. With AF_PACKET, each worker thread opens its own socket in a
 * PACKET_FANOUT group (hash of the flow, both directions alike, fragments reassembled first) and owns
 * the flows that socket gets: no hand-over at all. With libpcap, one reader thread hands frames to the
 * workers of a {@link ParallelPipeline}, shedding (and counting) rather than blocking when one falls
 * behind. Either way events go to one sink, one at a time.
 */
final class LiveCapture implements PipelineMeters.Figures {

    /** One worker's share: its source and the counters read from it. */
    interface Share {
        String name();

        CaptureCounters counters();

        /** How full the kernel ring or the worker's queue is, 0 to 1. */
        double fill();
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

    private final Consumer<String> notices;
    private List<ProtocolSpec> protocols = BuiltInProtocols.ALL;

    private Supplier<PayloadInspector> inspectors;

    /** Each worker's payloads also go to an inspector of its own (the rules' packet path); before {@link #start}. */
    LiveCapture inspectWith(Supplier<PayloadInspector> inspectors) {
        this.inspectors = inspectors;
        return this;
    }

    private PacketStore store;

    /** Every worker also writes its frames to the packet store; call before {@link #start}. */
    LiveCapture storeWith(PacketStore packetStore) {
        this.store = packetStore;
        return this;
    }

    private PacketStoreWriter storeWriter(List<PacketStoreWriter> writers) {
        PacketStoreWriter writer = store.writer();
        writers.add(writer);
        return writer;
    }

    private static void close(List<PacketStoreWriter> writers) {
        for (PacketStoreWriter writer : writers) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("the packet store could not close its file", e);
            }
        }
    }

    private CaptureGaps gaps = new CaptureGaps(alert -> { });

    /** The interface going down and coming back also goes here, as the gap alerts it makes; before {@link #start}. */
    LiveCapture reportGapsTo(CaptureGaps captureGaps) {
        this.gaps = captureGaps;
        return this;
    }

    String interfaceName() {
        return interfaceName;
    }

    /** Flow records only: no payload is looked at. */
    LiveCapture flowsOnly() {
        protocols = List.of();
        return this;
    }

    /** @param notices where a line goes when the interface goes down, comes back, or must be reopened */
    LiveCapture(String interfaceName, boolean afPacket, int workers, AfPacketConfig ring, FlowConfig config, EventSink sink,
                Consumer<String> notices) {
        this.notices = notices;
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
                AnalysisPipeline pipeline = new AnalysisPipeline(config, protocols, sink);
                if (inspectors != null) {
                    pipeline.inspectWith(inspectors.get());
                }
                pipelines.add(pipeline);
                List<PacketStoreWriter> writers = new ArrayList<>();
                if (store != null) {
                    pipeline.meter().observeWith(storeWriter(writers));
                }
                ReopeningShare share = new ReopeningShare(interfaceName + "#" + i);
                threads.add(Thread.ofPlatform().name("telltale-capture-" + i).start(() -> {
                    try {
                        share.source = new AfPacketSource(socket);
                        register(share);
                        open.countDown();
                        watch(share, socket, pipeline);
                        pipeline.finish();
                        close(writers);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                        open.countDown();
                    } finally {
                        share.close();
                    }
                }));
            }
        } else {
            parallel = new ParallelPipeline(workers, config, protocols, !protocols.isEmpty(), sink, true);
            if (inspectors != null) {
                parallel.inspectWith(inspectors);
            }
            List<PacketStoreWriter> writers = new CopyOnWriteArrayList<>();
            if (store != null) {
                parallel.observeWith(() -> storeWriter(writers));
            }
            threads.add(Thread.ofPlatform().name("telltale-capture").start(() -> {
                try (LibpcapSource source = new LibpcapSource(interfaceName, ring.snapLength(), ring.promiscuous(), ring.filter())) {
                    register(new SourceShare(source.name(), source::counters, () -> {
                        long most = 0;
                        for (long f : parallel.ringFill()) {
                            most = Math.max(most, f);
                        }
                        return (double) most / ParallelPipeline.RING_BYTES;
                    }));
                    open.countDown();
                    loop(source, parallel);
                    parallel.finish();
                    close(writers);
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

    /**
     * Reads one AF_PACKET share, and once a second asks how its interface is: a socket outlives a down
     * and up of the interface (said, as the gap it is), not its deletion — then it is reopened as soon
     * as an interface of that name exists again.
     */
    private void watch(ReopeningShare share, AfPacketConfig socket, AnalysisPipeline pipeline) {
        AfPacketSource.LinkState last = AfPacketSource.LinkState.UP;
        long lastCheck = System.nanoTime();
        long downSince = 0;
        while (!stopping) {
            share.source.poll(pipeline, 256);
            long now = System.nanoTime();
            if (now - lastCheck < 1_000_000_000L) {
                continue;
            }
            lastCheck = now;
            sink.endOfBatch(); // alerts buffered in the last second reach their files and the terminal
            AfPacketSource.LinkState state = share.source.linkState();
            if (state != last) {
                if (last == AfPacketSource.LinkState.UP) {
                    downSince = now;
                    gaps.linkDown(interfaceName, state == AfPacketSource.LinkState.GONE, wallNanos());
                    notices.accept(String.format(Locale.ROOT, "capture-gap: %s is %s: nothing is seen until it is back",
                            interfaceName, state == AfPacketSource.LinkState.GONE ? "gone" : "down"));
                } else if (state == AfPacketSource.LinkState.UP) {
                    gaps.linkBack(interfaceName, wallNanos());
                    notices.accept(String.format(Locale.ROOT, "capture: %s is up again after %.1f s", interfaceName,
                            (now - downSince) / 1e9));
                }
                last = state;
            }
            if (state == AfPacketSource.LinkState.GONE) {
                share.retire();
                boolean warned = false;
                while (!stopping) {
                    try {
                        share.source = new AfPacketSource(socket);
                        gaps.linkBack(interfaceName, wallNanos());
                        notices.accept(String.format(Locale.ROOT, "capture: %s reopened after %.1f s", interfaceName,
                                (System.nanoTime() - downSince) / 1e9));
                        last = AfPacketSource.LinkState.UP;
                        break;
                    } catch (LiveCaptureException stillGone) {
                        if (!warned && stillGone.getMessage().contains("CAP_NET_RAW")) {
                            warned = true;
                            // capabilities are per thread, and a process that left root has none: run it as a user with
                            // ambient CAP_NET_RAW (the systemd way) to survive a replaced interface
                            notices.accept("capture: " + interfaceName + " cannot be opened again without CAP_NET_RAW "
                                    + "(run as a user with ambient CAP_NET_RAW, or restart): " + stillGone.getMessage());
                        }
                        try {
                            Thread.sleep(1_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }
        }
        if (share.source != null) {
            while (share.source.poll(pipeline, 256) > 0) {
                // what is already in the ring is read before the flows are ended
            }
        }
    }

    /** Wall-clock time in nanoseconds: live evaluations of series and the sensor's own alerts are dated by it. */
    static long wallNanos() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private void loop(PacketSource source, PacketHandler handler) {
        long lastFlush = System.nanoTime();
        while (!stopping) {
            if (source.poll(handler, 256) == PacketSource.END_OF_INPUT) {
                return;
            }
            long now = System.nanoTime();
            if (now - lastFlush >= 1_000_000_000L) {
                lastFlush = now;
                sink.endOfBatch(); // alerts buffered in the last second reach their files and the terminal
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

    /** The workers' flow meters (those opened so far). */
    @Override
    public List<io.telltale.capture.flow.FlowMeter> meters() {
        return parallel != null ? parallel.meters() : pipelines.stream().map(AnalysisPipeline::meter).toList();
    }

    /** Bytes waiting in each worker's ring (libpcap source: one reader feeds the workers; AF_PACKET: none). */
    @Override
    public List<Long> workerQueues() {
        return parallel == null ? List.of() : parallel.ringFill();
    }

    @Override
    public long dissectorAnomalies() {
        return parallel != null ? parallel.dissectorAnomalies()
                : pipelines.stream().mapToLong(AnalysisPipeline::dissectorAnomalies).sum();
    }

    /**
     * One worker's AF_PACKET socket, reopened when its interface is replaced; the counters of the
     * sockets it had before are kept, so the totals never go back.
     */
    private static final class ReopeningShare implements Share {
        private final String name;
        volatile AfPacketSource source;
        private long packets;
        private long bytes;
        private long kernelDrops;
        private long interfaceDrops;

        ReopeningShare(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public double fill() {
            AfPacketSource s = source;
            return s == null ? 0 : s.ringFill();
        }

        @Override
        public synchronized CaptureCounters counters() {
            AfPacketSource s = source;
            CaptureCounters now = s == null ? new CaptureCounters(0, 0, 0, 0) : s.counters();
            return new CaptureCounters(packets + now.packets(), bytes + now.bytes(), kernelDrops + now.kernelDrops(),
                    interfaceDrops + now.interfaceDrops());
        }

        /** The socket's interface is gone: its counts become history, the socket is closed. */
        synchronized void retire() {
            AfPacketSource s = source;
            if (s != null) {
                CaptureCounters last = s.counters();
                packets += last.packets();
                bytes += last.bytes();
                kernelDrops += last.kernelDrops();
                interfaceDrops += last.interfaceDrops();
                s.close();
                source = null;
            }
        }

        void close() {
            retire();
        }
    }

    private record SourceShare(String name, Supplier<CaptureCounters> source,
                               DoubleSupplier queueFill) implements Share {
        @Override
        public CaptureCounters counters() {
            return source.get();
        }

        @Override
        public double fill() {
            return queueFill.getAsDouble();
        }
    }
}
