package io.telltale.dashboard.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.telltale.analysis.index.IndexingSink;
import io.telltale.capture.decode.DecodeAnomaly;
import io.telltale.capture.flow.FlowMeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * The pipeline's figures as Micrometer meters, read from the counters its threads already keep (so the
 * packet path pays nothing): flows active, created, evicted and written; decode anomalies by kind; the
 * queue in front of each stage and what it shed; how far the index is behind and how big it is; and
 * the alerts raised.
 * Names follow siem.md §5: dot-separated, base units, no unbounded tags.
 */
final class PipelineMeters {

    private PipelineMeters() {
    }

    /** What the meters read: a live capture's or a file reader's workers. */
    interface Figures {
        /** The workers' flow meters (none before the workers start). */
        List<FlowMeter> meters();

        /** Protocol messages that did not fit their protocol. */
        long dissectorAnomalies();

        /** Bytes waiting in the rings between a reading thread and its workers (empty when each worker reads its own). */
        List<Long> workerQueues();
    }

    /**
     * The flow meters and the rings in front of the workers. The workers gauge holds the figures strongly,
     * so the counters that read them (which Micrometer holds weakly) keep answering after a read ends.
     */
    static void bindPipeline(MeterRegistry registry, Figures pipeline) {
        Gauge.builder("telltale.pipeline.workers", pipeline, p -> p.meters().size()).strongReference(true)
                .description("threads metering flows").register(registry);
        Gauge.builder("telltale.flows.active", pipeline, p -> sum(p.meters(), FlowMeter::liveFlows))
                .description("flows being followed now").register(registry);
        FunctionCounter.builder("telltale.flows", pipeline, p -> sum(p.meters(), m -> m.stats().flowsCreated()))
                .description("flows created").register(registry);
        FunctionCounter.builder("telltale.flows.evicted", pipeline, p -> sum(p.meters(), m -> m.stats().evictions()))
                .description("flows written early because the flow table was full").register(registry);
        FunctionCounter.builder("telltale.flows.evicted.watched", pipeline, p -> sum(p.meters(), m -> m.stats().watchedEvictions()))
                .description("flows a policy device started, evicted because a whole eviction window was such flows")
                .register(registry);
        FunctionCounter.builder("telltale.flows.records", pipeline, p -> sum(p.meters(), m -> m.stats().recordsEmitted()))
                .description("flow records written (final and interim)").register(registry);
        for (DecodeAnomaly kind : DecodeAnomaly.values()) {
            FunctionCounter.builder("telltale.decode.anomalies", pipeline, p -> sum(p.meters(), m -> m.decodeStats().count(kind)))
                    .tag("kind", kind.label()).description("frames the decoder found malformed, by kind").register(registry);
        }
        FunctionCounter.builder("telltale.dissect.anomalies", pipeline, Figures::dissectorAnomalies)
                .description("protocol messages that did not fit their protocol").register(registry);
        Gauge.builder("telltale.pipeline.queue", pipeline, p -> p.workerQueues().stream().mapToLong(Long::longValue).sum())
                .tag("stage", "workers").baseUnit("bytes").description("frames waiting for a worker").register(registry);
    }

    /** The indexing stage: its queue, what it shed, its lag behind the pipeline, the flows indexed and the disk it takes. */
    static void bindIndex(MeterRegistry registry, IndexingSink sink, Path indexDirectory) {
        Gauge.builder("telltale.index.queue", sink, IndexingSink::queueDepth).strongReference(true) // keeps the sink for the rest
                .description("events waiting to be indexed").register(registry);
        FunctionCounter.builder("telltale.index.shed", sink, IndexingSink::shed)
                .description("events not indexed because the indexer fell behind").register(registry);
        Gauge.builder("telltale.index.lag", sink, s -> s.lagNanos() / 1e9).baseUnit("seconds")
                .description("time since everything queued was searchable").register(registry);
        FunctionCounter.builder("telltale.index.flows", sink, IndexingSink::flowsIndexed)
                .description("flow documents indexed").register(registry);
        FunctionCounter.builder("telltale.index.failures", sink, IndexingSink::failures)
                .description("index writes or commits that failed").register(registry);
        Gauge.builder("telltale.index.size", indexDirectory, PipelineMeters::bytesUnder).baseUnit("bytes").strongReference(true)
                .description("disk taken by the flow and alert indices").register(registry);
        Gauge.builder("telltale.index.failing", sink, s -> s.failing() ? 1 : 0)
                .description("1 while index writes fail (a full disk): flows are not indexed").register(registry);
    }

    /** The log files' state on /metrics: failing while they cannot be written (a full disk under the logs). */
    static void bindLogs(MeterRegistry registry, LogWriteGuard logs) {
        Gauge.builder("telltale.logs.failing", logs, l -> l.failing() ? 1 : 0).strongReference(true)
                .description("1 while the log files cannot be written: log lines are lost").register(registry);
    }

    /** The packet store's state on /metrics: failing while it cannot write, and what it lost so. */
    static void bindStore(MeterRegistry registry, io.telltale.capture.store.PacketStore store) {
        Gauge.builder("telltale.store.failing", store, s -> s.failing() ? 1 : 0).strongReference(true)
                .description("1 while packet store writes fail (a full disk): packets are not stored").register(registry);
        FunctionCounter.builder("telltale.store.lost", store, io.telltale.capture.store.PacketStore::lostWhileFailing)
                .description("frames not stored because writing failed (counted when each failure ends)").register(registry);
    }

    /**
     * A sink that passes everything on and counts the alerts by severity and category (both fixed
     * vocabularies, so the series stay few).
     */
    static io.telltale.analysis.event.EventSink countingAlerts(io.telltale.analysis.event.EventSink next, MeterRegistry registry) {
        return new io.telltale.analysis.event.EventSink() {
            @Override
            public void accept(io.telltale.analysis.event.MonitorEvent event) {
                next.accept(event);
                if (event instanceof io.telltale.analysis.event.Alert a) {
                    registry.counter("telltale.alerts", "severity", a.severity(), "category", a.category()).increment();
                }
            }

            @Override
            public void endOfBatch() {
                next.endOfBatch();
            }
        };
    }

    private static long sum(List<FlowMeter> meters, ToLongFunction<FlowMeter> figure) {
        long total = 0;
        for (FlowMeter m : meters) {
            total += figure.applyAsLong(m);
        }
        return total;
    }

    /** The bytes of every file under the directory; files merged away while it walks are skipped. */
    static double bytesUnder(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.mapToLong(PipelineMeters::size).sum();
        } catch (IOException | UncheckedIOException e) {
            return Double.NaN; // a scrape says "unknown" rather than a wrong figure
        }
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
