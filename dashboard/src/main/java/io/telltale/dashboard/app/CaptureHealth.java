package io.telltale.dashboard.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.telltale.analysis.detect.sensor.CaptureGaps;
import io.telltale.analysis.index.IndexingSink;
import io.telltale.capture.source.live.CaptureCounters;
import io.telltale.capture.store.PacketStore;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The health of a live capture: per source, packets and bytes received, kernel and interface drops as
 * Micrometer meters ({@code telltale.capture.*}, tagged by source), frames shed by full worker rings;
 * a line each interval for the log, and a {@code capture-gap} line whenever drops grew, because a
 * packet a monitor did not see is a hole in its evidence that the analyst must know about — and so
 * also a {@code capture-gap} alert when the loss begins and when it ends ({@link CaptureGaps}).
 */
final class CaptureHealth {

    private final LiveCapture capture;
    private final PrintWriter out;
    private final CaptureGaps alerts;
    private long lastWallNanos = LiveCapture.wallNanos();
    private final Map<String, CaptureCounters> last = new HashMap<>();
    private long lastShed;
    private long lastNanos = System.nanoTime();
    private long gaps;

    /** @param alerts where each interval's losses go, to open and close {@code capture-gap} alerts */
    CaptureHealth(LiveCapture capture, MeterRegistry registry, PrintWriter out, CaptureGaps alerts) {
        this.capture = capture;
        this.out = out;
        this.alerts = alerts;
        for (LiveCapture.Share share : capture.shares()) {
            String name = share.name();
            FunctionCounter.builder("telltale.capture.packets", share, s -> s.counters().packets()).tag("source", name)
                    .description("frames received").register(registry);
            FunctionCounter.builder("telltale.capture.bytes", share, s -> s.counters().bytes()).tag("source", name)
                    .baseUnit("bytes").description("bytes received (wire length)").register(registry);
            FunctionCounter.builder("telltale.capture.kernel.drops", share, s -> s.counters().kernelDrops()).tag("source", name)
                    .description("frames the kernel dropped for want of ring space").register(registry);
            FunctionCounter.builder("telltale.capture.interface.drops", share, s -> s.counters().interfaceDrops())
                    .tag("source", name).description("frames the interface dropped").register(registry);
            Gauge.builder("telltale.capture.fill", share, LiveCapture.Share::fill).tag("source", name)
                    .description("how full the kernel ring (AF_PACKET) or the fullest worker queue (libpcap) is, 0-1")
                    .register(registry);
        }
        Gauge.builder("telltale.pipeline.shed", capture, LiveCapture::shed)
                .description("frames shed because a worker's queue was full").register(registry);
    }

    /** Writes the interval's line, and a capture-gap line if anything was lost since the last one. */
    synchronized void report() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        long packets = 0;
        long delta = 0;
        long drops = 0;
        long newDrops = 0;
        List<LiveCapture.Share> shares = capture.shares();
        for (LiveCapture.Share share : shares) {
            CaptureCounters c = share.counters();
            CaptureCounters before = last.getOrDefault(share.name(), new CaptureCounters(0, 0, 0, 0));
            packets += c.packets();
            delta += c.packets() - before.packets();
            drops += c.kernelDrops() + c.interfaceDrops();
            newDrops += c.kernelDrops() - before.kernelDrops() + c.interfaceDrops() - before.interfaceDrops();
            last.put(share.name(), c);
        }
        long shed = capture.shed();
        double fill = shares.stream().mapToDouble(LiveCapture.Share::fill).max().orElse(0);
        out.printf(Locale.ROOT, "capture: %,d packets (%,.0f/s), dropped %,d, shed %,d, fullest ring %.0f%%%n", packets,
                delta / seconds, drops, shed, fill * 100);
        if (newDrops > 0 || shed > lastShed) {
            gaps++;
            out.printf(Locale.ROOT, "capture-gap: %,d frames lost since the last report (%,d dropped by kernel or interface, "
                    + "%,d shed by the pipeline): flows in this interval may be incomplete%n",
                    newDrops + shed - lastShed, newDrops, shed - lastShed);
        }
        out.flush();
        long wall = LiveCapture.wallNanos();
        alerts.interval(capture.interfaceName(), newDrops, shed - lastShed, lastWallNanos, wall);
        stores(wall);
        lastShed = shed;
        lastNanos = now;
        lastWallNanos = wall;
    }

    private PacketStore store;
    private IndexingSink index;
    private boolean storeFailing;
    private long storeLostBefore;
    private boolean indexFailing;
    private long indexFailuresBefore;
    private LogWriteGuard logs;
    private boolean logsFailing;

    /** Also watches the stores: one that cannot write (a full disk) is said, and alerted, when it starts and ends. */
    CaptureHealth watchStores(PacketStore packetStore, IndexingSink indexing, LogWriteGuard logFiles) {
        this.store = packetStore;
        this.index = indexing;
        this.logs = logFiles;
        return this;
    }

    /** The stores' state, once per report: a change is a line and an alert (the index and the logs say their own lines). */
    private void stores(long wall) {
        if (logs != null && logs.failing() != logsFailing) {
            logsFailing = !logsFailing;
            if (logsFailing) {
                alerts.storeFailing("log files", "log records are not written", logs.failure(), wall);
            } else {
                alerts.storeBack("log files", String.format(Locale.ROOT, "%,d records were not written",
                        logs.lostInFailure()), wall);
            }
        }
        if (store != null && store.failing() != storeFailing) {
            storeFailing = !storeFailing;
            if (storeFailing) {
                storeLostBefore = store.lostWhileFailing();
                out.printf(Locale.ROOT, "packet store: writing failed (%s): packets are not stored until it works again; "
                        + "what was written is kept%n", store.failure());
                alerts.storeFailing("packet store", "packets are not stored", store.failure(), wall);
            } else {
                String lost = String.format(Locale.ROOT, "%,d frames were not stored", store.lostWhileFailing() - storeLostBefore);
                out.printf(Locale.ROOT, "packet store: writing works again; %s%n", lost);
                alerts.storeBack("packet store", lost, wall);
            }
        }
        if (index != null && index.failing() != indexFailing) {
            indexFailing = !indexFailing;
            if (indexFailing) {
                indexFailuresBefore = index.failures();
                alerts.storeFailing("flow index", "flows are not indexed", index.firstFailure(), wall);
            } else {
                alerts.storeBack("flow index", String.format(Locale.ROOT, "%,d writes failed meanwhile",
                        index.failures() - indexFailuresBefore), wall);
            }
        }
    }

    long gaps() {
        return gaps;
    }
}
