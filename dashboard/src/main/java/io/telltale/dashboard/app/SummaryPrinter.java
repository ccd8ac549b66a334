package io.telltale.dashboard.app;

import io.telltale.capture.decode.DecodeAnomaly;
import io.telltale.capture.source.SourceDamage;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link ReadSummary} for a person at a terminal. */
final class SummaryPrinter {

    /** What one record of each protocol log stands for. */
    private static final Map<String, String> UNITS = Map.ofEntries(Map.entry("dns", "transactions"),
            Map.entry("http", "transactions"), Map.entry("ssl", "handshakes"), Map.entry("x509", "certificates"),
            Map.entry("quic", "connections"), Map.entry("ssh", "sessions"), Map.entry("smb", "connections"), Map.entry("ftp", "sessions"),
            Map.entry("smtp", "sessions"), Map.entry("ntp", "messages"),
            Map.entry("dhcp", "exchanges"), Map.entry("dhcpv6", "messages"), Map.entry("dicom", "associations"), Map.entry("icmp", "flows"));

    private final PrintWriter out;

    SummaryPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(ReadSummary s) {
        out.printf(Locale.ROOT, "read %d file%s: %,d packets, %s%n", s.files(), s.files() == 1 ? "" : "s", s.packets(),
                bytes(s.wireBytes()));
        if (s.filteredOut() > 0) {
            out.printf(Locale.ROOT, "  filtered    %,d frames the filter did not accept%n", s.filteredOut());
        }
        out.printf(Locale.ROOT, "  flows       %,d written to %s%n", s.flows(), s.output());
        if (s.interimRecords() > 0) {
            out.printf(Locale.ROOT, "  interim     %,d records of flows still active%n", s.interimRecords());
        }
        s.protocolRecords().forEach((log, count) -> {
            if (count > 0) {
                String unit = UNITS.getOrDefault(log, "records");
                out.printf(Locale.ROOT, "  %-11s %,d %s%n", log, count, count == 1 ? unit.substring(0, unit.length() - 1) : unit);
            }
        });
        if (s.unwritableRecords() > 0) {
            out.printf(Locale.ROOT, "  unwritten   %,d records no log writer could format (a bug: please report), first: %s%n",
                    s.unwritableRecords(), s.firstUnwritable());
        }
        if (s.dissectorAnomalies() > 0) {
            out.printf(Locale.ROOT, "  malformed   %,d protocol message%s (counted, flows named in weird.log)%n",
                    s.dissectorAnomalies(), s.dissectorAnomalies() == 1 ? "" : "s");
        }
        if (s.evictions() > 0) {
            out.printf(Locale.ROOT, "  evicted     %,d flows (table full)%n", s.evictions());
        }
        if (s.nonIpFrames() > 0) {
            out.printf(Locale.ROOT, "  non-IP      %,d frames (ARP, LLDP, ...)%n", s.nonIpFrames());
        }
        out.printf(Locale.ROOT, "  anomalies   %,d%s%n", s.anomalyTotal(), s.anomalyTotal() == 0 ? "" : ":");
        for (Map.Entry<DecodeAnomaly, Long> e : s.anomalies().entrySet()) {
            out.printf(Locale.ROOT, "    %-28s %,d%n", e.getKey().label(), e.getValue());
        }
        for (SourceDamage damage : s.damage()) {
            out.printf(Locale.ROOT, "  damaged     %s%n", damage.describe());
        }
        double seconds = s.elapsedNanos() / 1e9;
        out.printf(Locale.ROOT, "  elapsed     %.3f s, %,.0f packets/s%n", seconds, s.packetsPerSecond());
    }

    private static String bytes(long n) {
        if (n < 10_000) {
            return n + " bytes";
        }
        if (n < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        }
        if (n < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f GB", n / 1e9);
    }
}
