package io.telltale.dashboard.app;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.analysis.pipeline.ParallelPipeline;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowMeter;
import io.telltale.capture.flow.StreamHandler;
import io.telltale.capture.source.PacketHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.capture.source.live.BpfFilter;
import io.telltale.dashboard.output.LogSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads capture files in order through one analysis pipeline (flows and dissectors) and writes every
 * record to the logs. Files are read as one stream of packets, as Zeek reads several {@code -r}
 * files, so a flow may span files.
 */
public final class FlowFileReader implements PipelineMeters.Figures {

    static final int BATCH = 256;

    private final FlowConfig config;
    private final boolean dissect;
    private final int workers;
    private String filter;
    private io.telltale.analysis.detect.DetectionSink detection;

    /**
     * @param dissect false for flow records only: no payload is looked at, as fast as the table allows
     */
    public FlowFileReader(FlowConfig config, boolean dissect) {
        this(config, dissect, 1);
    }

    /** @param workers threads that each own a shard of the flows (1: everything on the reading thread) */
    public FlowFileReader(FlowConfig config, boolean dissect, int workers) {
        this.config = config;
        this.dissect = dissect;
        this.workers = workers;
    }

    /** Only frames this BPF expression accepts (tcpdump's syntax) are read; null for all. */
    public FlowFileReader withFilter(String bpf) {
        this.filter = bpf;
        return this;
    }

    /** Detectors see every event on its way to the logs; they judge whole series when the input ends. */
    public FlowFileReader withDetection(java.util.function.Function<io.telltale.analysis.event.EventSink,
            io.telltale.analysis.detect.DetectionSink> around) {
        this.detectionAround = around;
        return this;
    }

    private java.util.function.Function<io.telltale.analysis.event.EventSink, io.telltale.analysis.detect.DetectionSink> detectionAround;
    private io.telltale.analysis.event.EventSink index;

    private io.telltale.capture.store.PacketStore store;
    private final List<io.telltale.capture.store.PacketStoreWriter> storeWriters = new ArrayList<>();

    /** Every metered frame is also written to the packet store, and each flow record says where. */
    public FlowFileReader withPacketStore(io.telltale.capture.store.PacketStore packetStore) {
        this.store = packetStore;
        return this;
    }

    private io.telltale.capture.flow.FlowPacketObserver storeWriter() {
        io.telltale.capture.store.PacketStoreWriter writer = store.writer();
        storeWriters.add(writer);
        return writer;
    }

    private void closeStore() throws IOException {
        for (io.telltale.capture.store.PacketStoreWriter writer : storeWriters) {
            writer.close();
        }
        storeWriters.clear();
    }

    private io.telltale.analysis.event.EventSink outputs;
    private boolean paced;
    private java.util.function.BooleanSupplier stop = () -> false;

    /** Frames are handed on at the pace they were captured ({@code --replay realtime}). */
    public FlowFileReader paced() {
        this.paced = true;
        return this;
    }

    /** Asked between batches: true ends the read early, everything read so far finished and written (SIGTERM). */
    public FlowFileReader stopWhen(java.util.function.BooleanSupplier stopped) {
        this.stop = stopped;
        return this;
    }

    /** Every event (after detection, alerts included) also goes to the configured outputs (SIEM, JSON lines, Kafka). */
    public FlowFileReader withOutputs(io.telltale.analysis.event.EventSink outputSink) {
        this.outputs = outputSink;
        return this;
    }

    /** Every event (after detection, alerts included) also goes to the index. */
    public FlowFileReader withIndex(io.telltale.analysis.event.EventSink indexSink) {
        this.index = indexSink;
        return this;
    }

    private java.util.function.Supplier<io.telltale.analysis.pipeline.PayloadInspector> inspectors;

    /** Every worker's payloads also go to an inspector of its own (the rules' packet path). */
    public FlowFileReader withInspectors(java.util.function.Supplier<io.telltale.analysis.pipeline.PayloadInspector> inspectors) {
        this.inspectors = inspectors;
        return this;
    }

    private io.telltale.analysis.event.EventSink sink(LogSet logs) {
        io.telltale.analysis.event.EventSink downstream = index == null ? logs : io.telltale.analysis.event.EventSink.both(logs, index);
        if (outputs != null) {
            downstream = io.telltale.analysis.event.EventSink.both(downstream, outputs);
        }
        if (detectionAround != null && detection == null) {
            detection = detectionAround.apply(downstream);
        }
        return detection != null ? detection : downstream;
    }

    private long lastTimestampNanos;

    private void endDetection() {
        if (detection != null) {
            detection.finish(lastTimestampNanos);
        }
    }

    /** The reading's workers, for the health meters: set when a read starts. */
    private volatile List<FlowMeter> meters = List.of();
    private volatile java.util.function.LongSupplier anomalies = () -> 0;
    private volatile java.util.function.Supplier<List<Long>> queues = List::of;

    @Override
    public List<FlowMeter> meters() {
        return meters;
    }

    @Override
    public long dissectorAnomalies() {
        return anomalies.getAsLong();
    }

    @Override
    public List<Long> workerQueues() {
        return queues.get();
    }

    public ReadSummary read(List<Path> files, LogSet logs) throws IOException {
        if (workers > 1) {
            return readParallel(files, logs);
        }
        long started = System.nanoTime();
        List<io.telltale.capture.source.SourceDamage> damage = new ArrayList<>();
        io.telltale.analysis.event.EventSink sink = sink(logs);
        AnalysisPipeline pipeline = dissect ? new AnalysisPipeline(config, BuiltInProtocols.ALL, sink) : null;
        if (pipeline != null && inspectors != null) {
            pipeline.inspectWith(inspectors.get());
        }
        FlowMeter meter = dissect ? pipeline.meter()
                : new FlowMeter(config, record -> sink.accept(new FlowEvent(record)), StreamHandler.NONE);
        if (store != null) {
            meter.observeWith(storeWriter());
        }
        meters = List.of(meter);
        anomalies = pipeline == null ? () -> 0 : pipeline::dissectorAnomalies;
        PacketHandler handler = dissect ? pipeline : meter;
        BpfFilter bpf = filter == null ? null : new BpfFilter(filter, handler);
        if (bpf != null) {
            handler = bpf;
        }
        if (paced) {
            handler = new PacedHandler(handler, stop);
        }
        try {
            for (Path file : files) {
                try (PacketSource source = CaptureFiles.open(file)) {
                    while (!stop.getAsBoolean() && source.poll(handler, paced ? 1 : BATCH) != PacketSource.END_OF_INPUT) {
                        // Poll until the file is exhausted or damaged (reported below), or a stop is asked.
                    }
                    source.damage().ifPresent(damage::add);
                }
            }
            if (dissect) {
                pipeline.finish();
            } else {
                meter.finish();
            }
            closeStore();
            lastTimestampNanos = meter.clockNanos();
            endDetection();
            logs.endOfInput();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new ReadSummary(files.size(), meter.stats().packets(), meter.stats().wireBytes(),
                meter.stats().recordsEmitted(), meter.stats().interimRecords(), meter.stats().evictions(),
                meter.decodeStats().nonIpFrames(), meter.decodeStats().nonZero(), List.copyOf(damage),
                logs.connDestination(), logs.protocolRecords(), dissect ? pipeline.dissectorAnomalies() : 0,
                logs.unwritable(), logs.firstUnwritable(),
                System.nanoTime() - started, bpf == null ? 0 : bpf.refused());
    }

    /** The reading thread spreads frames over the workers by host pair; the workers meter and dissect. */
    private ReadSummary readParallel(List<Path> files, LogSet logs) throws IOException {
        long started = System.nanoTime();
        List<io.telltale.capture.source.SourceDamage> damage = new ArrayList<>();
        logs.joinDhcpAtEnd();
        ParallelPipeline parallel = new ParallelPipeline(workers, config, BuiltInProtocols.ALL, dissect, sink(logs), false);
        if (inspectors != null) {
            parallel.inspectWith(inspectors);
        }
        if (store != null) {
            parallel.observeWith(this::storeWriter);
        }
        meters = parallel.meters();
        anomalies = parallel::dissectorAnomalies;
        queues = parallel::ringFill;
        BpfFilter bpf = filter == null ? null : new BpfFilter(filter, parallel);
        PacketHandler handler = bpf == null ? parallel : bpf;
        if (paced) {
            handler = new PacedHandler(handler, stop);
        }
        try {
            for (Path file : files) {
                try (PacketSource source = CaptureFiles.open(file)) {
                    while (!stop.getAsBoolean() && source.poll(handler, paced ? 1 : BATCH) != PacketSource.END_OF_INPUT) {
                        // the workers take it from here
                    }
                    source.damage().ifPresent(damage::add);
                }
            }
            parallel.finish();
            closeStore();
            lastTimestampNanos = parallel.clockNanos();
            endDetection();
            logs.endOfInput();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new ReadSummary(files.size(), parallel.packets(), parallel.wireBytes(), parallel.records(),
                parallel.interimRecords(), parallel.evictions(), parallel.nonIpFrames(), parallel.anomalies(),
                List.copyOf(damage), logs.connDestination(), logs.protocolRecords(), parallel.dissectorAnomalies(),
                logs.unwritable(), logs.firstUnwritable(), System.nanoTime() - started, bpf == null ? 0 : bpf.refused());
    }
}
