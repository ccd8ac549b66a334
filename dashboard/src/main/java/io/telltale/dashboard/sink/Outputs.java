package io.telltale.dashboard.sink;

import io.micrometer.core.instrument.MeterRegistry;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.dashboard.siem.SensorIdentity;
import io.telltale.dashboard.siem.SiemSink;
import io.telltale.dashboard.siem.SyslogDestination;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The outputs a configuration names — SIEM destinations, JSON-lines files, Kafka clusters — read
 * from YAML with every mistake reported at its line and column, and opened as one event sink.
 */
public final class Outputs {

    /** An outputs file that cannot be used, with where and why. */
    public static final class OutputsException extends Exception {
        public OutputsException(String message) {
            super(message);
        }
    }

    private final SensorIdentity sensor;
    /** Null: the default the command gives. */
    private final Path spoolDir;
    private final Duration drainTimeout;
    private final List<SyslogDestination> syslog;
    private final List<JsonLinesOutput> jsonl;
    private final List<KafkaOutput> kafka;

    private Outputs(SensorIdentity sensor, Path spoolDir, Duration drainTimeout, List<SyslogDestination> syslog,
                    List<JsonLinesOutput> jsonl, List<KafkaOutput> kafka) {
        this.sensor = sensor;
        this.spoolDir = spoolDir;
        this.drainTimeout = drainTimeout;
        this.syslog = List.copyOf(syslog);
        this.jsonl = List.copyOf(jsonl);
        this.kafka = List.copyOf(kafka);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (SyslogDestination d : this.syslog) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("two syslog destinations are named \"" + d.name() + "\" (each has its own spool)");
            }
        }
    }

    /** No outputs yet: this machine as the sensor, the command's spool directory, 30 s to drain. */
    public static Outputs none() {
        return new Outputs(SensorIdentity.local(), null, Duration.ofSeconds(30), List.of(), List.of(), List.of());
    }

    /** Reads an outputs file; its relative paths are relative to it. */
    public static Outputs load(Path file) throws OutputsException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new OutputsException(file + ": cannot read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(file, text).relativeTo(base == null ? Path.of("") : base);
    }

    static Outputs parse(Path file, String yaml) throws OutputsException {
        OutputsDocument d;
        try {
            d = YamlDocuments.read(file, yaml, OutputsDocument.class);
        } catch (YamlDocuments.YamlException e) {
            throw new OutputsException(e.getMessage());
        }
        if (d == null || (d.syslog().isEmpty() && d.jsonl().isEmpty() && d.kafka().isEmpty())) {
            throw new OutputsException(file + ": names no output (syslog, jsonl or kafka)");
        }
        return of(d);
    }

    /** The outputs a document names (read as part of a larger file: the run configuration's {@code outputs:}). */
    public static Outputs of(OutputsDocument d) {
        return new Outputs(sensor(d.sensor()), d.spoolDir() == null ? null : Path.of(d.spoolDir()),
                d.drainTimeout() == null ? Duration.ofSeconds(30) : d.drainTimeout().duration(),
                d.syslog().stream().map(OutputsDocument.Syslog::destination).toList(),
                d.jsonl().stream().map(OutputsDocument.Jsonl::output).toList(),
                d.kafka().stream().map(OutputsDocument.Kafka::output).toList());
    }

    /** These outputs and one more SIEM destination. */
    public Outputs withSyslog(SyslogDestination d) {
        List<SyslogDestination> more = new ArrayList<>(syslog);
        more.add(d);
        return new Outputs(sensor, spoolDir, drainTimeout, more, jsonl, kafka);
    }

    /** These outputs and one more Kafka cluster. */
    public Outputs withKafka(KafkaOutput k) {
        List<KafkaOutput> more = new ArrayList<>(kafka);
        more.add(k);
        return new Outputs(sensor, spoolDir, drainTimeout, syslog, jsonl, more);
    }

    /** The same outputs with relative paths (files, spool directory, TLS material) taken from {@code base}. */
    public Outputs relativeTo(Path base) {
        List<SyslogDestination> destinations = new ArrayList<>();
        for (SyslogDestination d : syslog) {
            SyslogDestination.TlsSettings t = d.tls();
            destinations.add(t == null ? d : d.withTls(new SyslogDestination.TlsSettings(resolve(base, t.trustedCertificates()),
                    resolve(base, t.certificate()), resolve(base, t.key()), t.serverName(), t.fingerprint())));
        }
        List<JsonLinesOutput> files = new ArrayList<>();
        for (JsonLinesOutput j : jsonl) {
            files.add(new JsonLinesOutput(j.name(), base.resolve(j.path()), j.records(), j.alertFormat(), j.rotateBytes(),
                    j.rotateEvery(), j.keep()));
        }
        return new Outputs(sensor, resolve(base, spoolDir), drainTimeout, destinations, files, kafka);
    }

    private static Path resolve(Path base, Path p) {
        return p == null ? null : base.resolve(p);
    }

    /** The spools under this directory, whatever the file said. */
    public Outputs withSpoolDir(Path dir) {
        return new Outputs(sensor, dir, drainTimeout, syslog, jsonl, kafka);
    }

    public boolean isEmpty() {
        return syslog.isEmpty() && jsonl.isEmpty() && kafka.isEmpty();
    }

    public List<SyslogDestination> syslog() {
        return syslog;
    }

    public SensorIdentity sensor() {
        return sensor;
    }

    /** This sensor as the messages name it: the configured name, address and PEN over the machine's own. */
    private static SensorIdentity sensor(OutputsDocument.Sensor c) {
        SensorIdentity s = SensorIdentity.local();
        if (c != null) {
            if (c.hostname() != null) {
                s = s.withHostname(c.hostname());
            }
            if (c.address() != null) {
                s = s.withAddress(c.address());
            }
            if (c.enterpriseNumber() != null) {
                s = s.withEnterpriseNumber(c.enterpriseNumber());
            }
        }
        return s;
    }

    /**
     * Opens every output. The SIEM spools go under {@code spool_dir}, or {@code defaultSpoolDir} when
     * the file names none.
     */
    public Opened open(Path defaultSpoolDir, Clock clock, MeterRegistry registry, Consumer<String> log) throws IOException {
        List<EventSink> sinks = new ArrayList<>();
        List<Closeable> closing = new ArrayList<>();
        SiemSink siem = null;
        Path spool = spoolDir != null ? spoolDir : defaultSpoolDir;
        try {
            if (!syslog.isEmpty()) {
                siem = new SiemSink(syslog, sensor, spool, drainTimeout, registry, log);
                sinks.add(siem);
                closing.add(siem);
            }
            for (JsonLinesOutput j : jsonl) {
                JsonLinesSink sink = new JsonLinesSink(j, sensor, clock, registry, log);
                sinks.add(sink);
                closing.add(sink);
            }
            for (KafkaOutput k : kafka) {
                KafkaSink sink = new KafkaSink(k, registry, log);
                sinks.add(sink);
                closing.add(sink);
            }
        } catch (IOException | RuntimeException e) {
            for (Closeable c : closing) {
                try {
                    c.close();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        List<Path> writable = new ArrayList<>();
        if (siem != null) {
            writable.add(spool);
        }
        for (JsonLinesOutput j : jsonl) {
            writable.add(j.path().toAbsolutePath().getParent());
        }
        return new Opened(sinks, closing, siem, registry, writable);
    }

    /** The opened outputs as one sink; closing drains the SIEM spools and flushes the rest. */
    public static final class Opened implements EventSink, Closeable {
        private final List<EventSink> sinks;
        private final List<Closeable> closing;
        private final SiemSink siem;
        private final MeterRegistry registry;
        private final List<Path> writable;

        private Opened(List<EventSink> sinks, List<Closeable> closing, SiemSink siem, MeterRegistry registry, List<Path> writable) {
            this.writable = List.copyOf(writable);
            this.sinks = List.copyOf(sinks);
            this.closing = List.copyOf(closing);
            this.siem = siem;
            this.registry = registry;
        }

        /**
         * One line per output from its meters: what each SIEM destination delivered and what waits in
         * its spool, what each file or cluster took.
         */
        public List<String> summary() {
            List<String> lines = new ArrayList<>();
            for (var c : registry.find("telltale.siem.events.spooled").counters()) {
                String name = c.getId().getTag("destination");
                double sent = registry.find("telltale.siem.events.sent").tag("destination", name).counters().stream()
                        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
                double waiting = registry.find("telltale.siem.queue.events").tag("destination", name).gauges().stream()
                        .mapToDouble(io.micrometer.core.instrument.Gauge::value).sum();
                double limited = registry.find("telltale.siem.events.dropped").tag("destination", name).counters().stream()
                        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
                lines.add(String.format(java.util.Locale.ROOT, "siem %s: %,d alerts delivered, %,d waiting in the spool%s", name,
                        (long) sent, (long) waiting, limited > 0 ? String.format(java.util.Locale.ROOT, ", %,d dropped", (long) limited) : ""));
            }
            for (var c : registry.find("telltale.sink.records.written").counters()) {
                String name = c.getId().getTag("sink");
                double failed = registry.find("telltale.sink.records.failed").tag("sink", name).counters().stream()
                        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
                lines.add(String.format(java.util.Locale.ROOT, "%s: %,d records written%s", name, (long) c.count(),
                        failed > 0 ? String.format(java.util.Locale.ROOT, ", %,d failed", (long) failed) : ""));
            }
            return lines;
        }

        @Override
        public void accept(MonitorEvent event) {
            for (EventSink s : sinks) {
                s.accept(event);
            }
        }

        @Override
        public void endOfBatch() {
            for (EventSink s : sinks) {
                s.endOfBatch();
            }
        }

        /** The directories the outputs go on creating files in (spools, rotated files): a capture that drops root hands them over. */
        public List<Path> writableDirectories() {
            return writable;
        }

        /** Alerts still waiting for a SIEM. */
        public long pendingAlerts() {
            return siem == null ? 0 : siem.pending();
        }

        @Override
        public void close() throws IOException {
            IOException first = null;
            for (Closeable c : closing) {
                try {
                    c.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }
}
