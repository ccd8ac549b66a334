package io.telltale.dashboard.siem;

import io.micrometer.core.instrument.MeterRegistry;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.MonitorEvent;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SIEM destinations as one event sink: every alert is offered to each (which filters, limits,
 * encodes and spools it), and the spools are forced to disk at the end of each batch, at most
 * every 200 ms. Opening resends what an earlier run left in the spools.
 */
public final class SiemSink implements EventSink, Closeable {

    private static final long SYNC_NANOS = 200_000_000L;

    private final List<SiemOutput> outputs = new ArrayList<>();
    private final SiemTransports transports = new SiemTransports();
    private final Consumer<String> log;
    private final Duration drainTimeout;
    private long lastSync = System.nanoTime();
    private boolean closed;

    /**
     * @param spoolRoot    a directory per destination is made under it
     * @param drainTimeout how long {@link #close} waits for the spools to empty
     */
    public SiemSink(List<SyslogDestination> destinations, SensorIdentity sensor, Path spoolRoot, Duration drainTimeout,
                    MeterRegistry registry, Consumer<String> log) throws IOException {
        this.log = log;
        this.drainTimeout = drainTimeout;
        try {
            for (SyslogDestination d : destinations) {
                outputs.add(new SiemOutput(d, sensor, spoolRoot, transports, registry, log));
            }
        } catch (IOException | RuntimeException e) {
            transports.close();
            throw e;
        }
        for (SiemOutput o : outputs) {
            if (o.spool().pendingEntries() > 0) {
                log.accept("siem " + o.destination().name() + ": " + o.spool().pendingEntries()
                        + " alerts from an earlier run wait in " + o.spool().directory() + " and are sent first");
            }
            o.start();
        }
    }

    @Override
    public void accept(MonitorEvent event) {
        if (event instanceof Alert alert) {
            for (SiemOutput o : outputs) {
                o.offer(alert);
            }
        }
    }

    @Override
    public void endOfBatch() {
        long now = System.nanoTime();
        if (now - lastSync < SYNC_NANOS) {
            return;
        }
        lastSync = now;
        for (SiemOutput o : outputs) {
            try {
                o.sync();
            } catch (IOException e) {
                log.accept("siem " + o.destination().name() + ": cannot force its spool to disk: " + e.getMessage());
            }
        }
    }

    /** Alerts spooled (or held in memory for the spool) but not yet delivered, over all destinations. */
    public long pending() {
        long n = 0;
        for (SiemOutput o : outputs) {
            n += o.spool().pendingEntries() + o.held();
        }
        return n;
    }

    /** Waits for delivery (up to the drain timeout in all), closes the connections; undelivered alerts stay spooled. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        try {
            for (SiemOutput o : outputs) {
                long left = o.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (left > 0) {
                    log.accept("siem " + o.destination().name() + ": " + left + " alerts not yet delivered stay in "
                            + o.spool().directory() + " and are sent at the next start");
                }
            }
        } finally {
            transports.close();
        }
    }
}
