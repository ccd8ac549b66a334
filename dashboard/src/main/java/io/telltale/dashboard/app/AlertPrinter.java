package io.telltale.dashboard.app;

import io.telltale.analysis.detect.DetectionSink;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.MonitorEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Alerts on the terminal: a line as each fires, and a table per device at the end. */
final class AlertPrinter {

    /** At most this long between an alert and its line on the terminal, while alerts keep coming. */
    private static final long FLUSH_NANOS = 200_000_000L;

    private AlertPrinter() {
    }

    /** A sink that passes everything on and prints each alert as it goes by. */
    static EventSink printing(EventSink next, PrintWriter out) {
        return new EventSink() {
            private long lastFlush = System.nanoTime();

            @Override
            public void accept(MonitorEvent event) {
                next.accept(event);
                if (event instanceof Alert a) {
                    // an alert about the device alone (it went silent, its images stopped) has no remote end;
                    // built by hand: printf's parsing cost more than the rest of a busy capture's alert path
                    StringBuilder line = new StringBuilder(160).append("ALERT ");
                    pad(line, a.severity(), 8).append(' ');
                    // the sensor's own alerts (a capture gap) name the interface instead of a device
                    pad(line, a.category(), 18).append(' ').append(a.deviceAddress() != null ? a.deviceAddress() : a.deviceName());
                    if (a.remoteAddress() != null) {
                        line.append(" -> ").append(a.remoteAddress());
                        if (a.remoteName() != null) {
                            line.append(" (").append(a.remoteName()).append(')');
                        }
                        if (a.remoteCountry() != null || a.remoteAsn() >= 0) {
                            line.append(" [").append(a.remoteCountry() == null ? "?" : a.remoteCountry());
                            if (a.remoteAsn() >= 0) {
                                line.append(" AS").append(a.remoteAsn());
                            }
                            line.append(']');
                        }
                    }
                    // write, not println: the terminal's writer flushes on every println
                    out.write(line.append("  ").append(a.title()).append(System.lineSeparator()).toString());
                    // a storm is written in buffers, a lone alert at once (and the rest at the batch's end)
                    long now = System.nanoTime();
                    if (now - lastFlush > FLUSH_NANOS) {
                        out.flush();
                        lastFlush = now;
                    }
                }
            }

            @Override
            public void endOfBatch() {
                next.endOfBatch();
                out.flush();
                lastFlush = System.nanoTime();
            }
        };
    }

    private static StringBuilder pad(StringBuilder b, String s, int width) {
        b.append(s);
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b;
    }

    /** The summary's column widths after the device, one per severity, as its header prints them. */
    private static final int[] SEVERITY_WIDTHS = {8, 6, 6, 6, 6};

    /** Alerts by device and severity. */
    static void summary(PrintWriter out, DetectionSink detection, Path file) {
        long suppressed = detection.suppressed();
        out.printf(Locale.ROOT, "alerts      %,d written to %s%s%n", detection.alerts(), file, suppressed == 0 ? ""
                : String.format(Locale.ROOT, " (%,d more suppressed: a device past %d of one kind)", suppressed,
                        DetectionSink.MAX_PER_DEVICE));
        Map<String, int[]> byDevice = new TreeMap<>(detection.bySeverity());
        if (byDevice.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "  %-40s %8s %6s %6s %6s %6s%n", "device", "critical", "high", "medium", "low", "info");
        // built by hand: an alert storm's summary has a line per device, and printf's parsing per line was 1 % of the run
        StringBuilder line = new StringBuilder(96);
        byDevice.forEach((device, counts) -> {
            line.setLength(0);
            pad(line.append("  "), device, 40);
            for (int i = 0; i < SEVERITY_WIDTHS.length; i++) {
                String n = Integer.toString(counts[i]);
                line.append(' ').repeat(' ', Math.max(0, SEVERITY_WIDTHS[i] - n.length())).append(n);
            }
            out.write(line.append(System.lineSeparator()).toString());
        });
    }
}
