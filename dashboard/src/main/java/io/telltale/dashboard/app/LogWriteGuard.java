package io.telltale.dashboard.app;

import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.MonitorEvent;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * The log files of a live capture, kept from stopping it: when they cannot be written (a full disk
 * under DATA/logs), the record is lost and counted, the failure said once, and capture, detection, the
 * index and the SIEM go on. The logs are buffered, so a record taken is no sign that the disk works
 * again: once a second while failing, a probe of a buffer's size is written beside the logs and
 * removed, and when that succeeds the failure ends, said with what it cost. Reading a file stops
 * instead, as the reader wants to know its output is incomplete.
 *
 * <p>Called by one thread at a time (under the pipeline's event lock); {@link #failing} and {@link #lostInFailure}
 * are read by the health thread, which turns a change into an alert.
 */
final class LogWriteGuard implements EventSink {

    /** As large as a log's buffer: when this fits, the next flush does. */
    private static final int PROBE_BYTES = 1 << 16;

    private final EventSink logs;
    private final java.nio.file.Path directory;
    private final Consumer<String> say;
    private long lastProbeNanos;
    private volatile boolean failing;
    private volatile long lost;
    private volatile String failure;
    private volatile long lostBefore;

    LogWriteGuard(EventSink logs, java.nio.file.Path directory, Consumer<String> say) {
        this.logs = logs;
        this.directory = directory;
        this.say = say;
    }

    @Override
    public void accept(MonitorEvent event) {
        try {
            logs.accept(event);
        } catch (UncheckedIOException e) {
            lost++;
            failed(e);
        }
    }

    @Override
    public void endOfBatch() {
        try {
            logs.endOfBatch();
        } catch (UncheckedIOException e) {
            failed(e);
        }
        if (failing && System.nanoTime() - lastProbeNanos >= 1_000_000_000L) {
            lastProbeNanos = System.nanoTime();
            if (probe()) {
                worked();
            }
        }
    }

    /** Whether a buffer's worth can be written beside the logs now. */
    private boolean probe() {
        java.nio.file.Path file = directory.resolve(".telltale-space-probe");
        try {
            java.nio.file.Files.write(file, new byte[PROBE_BYTES]);
            return true;
        } catch (java.io.IOException e) {
            return false;
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (java.io.IOException ignored) {
                // the next probe tries again
            }
        }
    }

    private void failed(UncheckedIOException e) {
        if (!failing) {
            failure = e.getCause().getMessage();
            lostBefore = lost - 1;
            failing = true;
            say.accept("logs: writing failed (" + failure + "): log records are lost until it works again; capture, "
                    + "detection, the index and the outputs go on");
        }
    }

    private void worked() {
        if (failing) {
            failing = false;
            say.accept(String.format(java.util.Locale.ROOT, "logs: writing works again; %,d records were not written",
                    lost - lostBefore));
        }
    }

    boolean failing() {
        return failing;
    }

    /** Records not written in the current failure, or in the last one once it ended. */
    long lostInFailure() {
        return lost - lostBefore;
    }

    String failure() {
        return failure;
    }
}
