package io.telltale.dashboard.siem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.telltale.analysis.event.Alert;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One destination from alert to wire: the filter (minimum severity, categories), the rate limit (a
 * token bucket over packet time, so a pcap read twice sends the same alerts), the encoder, the spool
 * and the sender. {@link #offer} runs on the sink thread and never waits for the network.
 *
 * <p>When the spool cannot be written (a full disk), alerts are held in memory, in order, up to
 * {@link #MAX_HELD_BYTES}, and go to the spool as soon as it takes them again — tried with every
 * new alert and at every sync — so a full disk delays alerts rather than losing them. Past the bound
 * the oldest held alert is dropped and counted.
 */
final class SiemOutput {

    private final SyslogDestination destination;
    private final AlertEncoder encoder;
    private final DiskSpool spool;
    private final SyslogSender sender;
    private final Consumer<String> log;
    private final int minimumRank;
    private final Counter spooled;
    private final Counter rateLimited;
    private final Counter filtered;
    private final Counter shortened;
    private final Counter dropped;
    private final Counter unspooled;
    private boolean spoolFailing;
    static final long MAX_HELD_BYTES = 16L << 20;
    private final java.util.ArrayDeque<byte[]> held = new java.util.ArrayDeque<>();
    private long heldBytes;
    private double tokens;
    private long lastRefillNanos = Long.MIN_VALUE;
    private long sequence;
    private long rateLimitedSinceLog;

    SiemOutput(SyslogDestination destination, SensorIdentity sensor, Path spoolRoot, SiemTransports transports,
               MeterRegistry registry, Consumer<String> log) throws IOException {
        this.destination = destination;
        this.log = log;
        this.encoder = new AlertEncoder(sensor, destination.header(), destination.payload(), destination.facility(),
                destination.maxMessageBytes(), destination.singleLine(), destination.bom());
        this.spool = DiskSpool.open(spoolRoot.resolve(destination.name()), destination.spoolQuotaBytes(),
                m -> log.accept("siem " + destination.name() + ": " + m));
        SslContext ssl = destination.transport() == SyslogDestination.Transport.TLS ? TlsClients.context(destination) : null;
        this.sender = new SyslogSender(destination, spool, transports, ssl, registry, log);
        this.minimumRank = SeverityScale.order(destination.minSeverity());
        this.tokens = destination.rateBurst();
        String[] tags = {"destination", destination.name(), "format", destination.formatName()};
        spooled = Counter.builder("telltale.siem.events.spooled").tags(tags).register(registry);
        rateLimited = Counter.builder("telltale.siem.events.dropped").tags(tags).tag("reason", "rate_limited").register(registry);
        dropped = Counter.builder("telltale.siem.events.dropped").tags(tags).tag("reason", "spool_quota").register(registry);
        unspooled = Counter.builder("telltale.siem.events.dropped").tags(tags).tag("reason", "spool_error").register(registry);
        filtered = Counter.builder("telltale.siem.events.filtered").tags(tags).register(registry);
        shortened = Counter.builder("telltale.siem.events.shortened").tags(tags).register(registry);
        Gauge.builder("telltale.siem.queue.events", spool, DiskSpool::pendingEntries).tags(tags).register(registry);
        Gauge.builder("telltale.siem.queue.bytes", spool, DiskSpool::pendingBytes).tags(tags).baseUnit("bytes").register(registry);
        Gauge.builder("telltale.siem.queue.held", this, SiemOutput::held).tags(tags)
                .description("alerts held in memory because the spool could not be written").register(registry);
    }

    void start() {
        sender.start();
    }

    /** Filters, limits, encodes and spools one alert. */
    void offer(Alert alert) {
        if (SeverityScale.order(alert.severity()) < minimumRank
                || (!destination.categories().isEmpty() && !destination.categories().contains(alert.category()))) {
            filtered.increment();
            return;
        }
        if (!admit(alert.timestampNanos())) {
            rateLimited.increment();
            rateLimitedSinceLog++;
            return;
        }
        if (rateLimitedSinceLog > 0) {
            log.accept("siem " + destination.name() + ": " + rateLimitedSinceLog + " alerts were over the rate limit of "
                    + destination.ratePerSecond() + "/s and not sent");
            rateLimitedSinceLog = 0;
        }
        sequence = sequence == Integer.MAX_VALUE ? 1 : sequence + 1; // RFC 5424 §7.3.1: 1 to 2147483647, then 1 again
        AlertEncoder.Encoded message = encoder.encode(alert, sequence);
        if (message.shortened()) {
            shortened.increment();
        }
        if (spoolAll(message.bytes())) {
            sender.wake();
        }
    }

    /**
     * Spools what is held, then {@code message} (null: only what is held). False when the spool failed:
     * what it did not take is held (or, past the bound, the oldest dropped and counted).
     */
    private boolean spoolAll(byte[] message) {
        long droppedBefore = spool.droppedEntries();
        int fromMemory = 0;
        try {
            while (!held.isEmpty()) {
                spool.append(held.peekFirst());
                heldBytes -= held.pollFirst().length;
                fromMemory++;
                spooled.increment();
            }
            if (message != null) {
                spool.append(message);
                spooled.increment();
            }
            if (spoolFailing) {
                spoolFailing = false;
                log.accept("siem " + destination.name() + ": spooling again in " + spool.directory()
                        + (fromMemory > 0 ? "; " + fromMemory + " alerts held in memory meanwhile are spooled" : ""));
            }
            return true;
        } catch (IOException e) {
            if (message != null) {
                hold(message);
            }
            if (!spoolFailing) {
                spoolFailing = true;
                log.accept("siem " + destination.name() + ": cannot spool alerts in " + spool.directory() + ": " + e.getMessage()
                        + "; they are held in memory (up to " + (MAX_HELD_BYTES >> 20) + " MiB) until it can");
            }
            return fromMemory > 0;
        } finally {
            dropped.increment(spool.droppedEntries() - droppedBefore);
        }
    }

    private void hold(byte[] message) {
        held.addLast(message);
        heldBytes += message.length;
        while (heldBytes > MAX_HELD_BYTES) {
            heldBytes -= held.pollFirst().length;
            unspooled.increment(); // a full disk for that long: the oldest held alert goes, counted
        }
    }

    /** Alerts held in memory for want of a writable spool. */
    int held() {
        return held.size();
    }

    /** The token bucket: {@code ratePerSecond} refilled over packet time, up to the burst. */
    private boolean admit(long nowNanos) {
        if (destination.ratePerSecond() <= 0) {
            return true;
        }
        if (lastRefillNanos != Long.MIN_VALUE && nowNanos > lastRefillNanos) {
            tokens = Math.min(Math.max(1, destination.rateBurst()),
                    tokens + (nowNanos - lastRefillNanos) / 1e9 * destination.ratePerSecond());
        }
        lastRefillNanos = Math.max(lastRefillNanos, nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Spools what memory holds if the spool takes it again, and forces the spool to disk. */
    void sync() throws IOException {
        if (!held.isEmpty() && spoolAll(null)) {
            sender.wake();
        }
        spool.sync();
    }

    /** Waits for delivery up to {@code timeout}; what is left stays spooled. The number left. */
    long close(Duration timeout) throws IOException {
        if (!held.isEmpty() && !spoolAll(null)) {
            log.accept("siem " + destination.name() + ": " + held.size() + " alerts held in memory are lost: the spool in "
                    + spool.directory() + " still cannot be written");
            unspooled.increment(held.size());
            held.clear();
        }
        try {
            sender.close(timeout);
            return spool.pendingEntries();
        } finally {
            spool.close();
        }
    }

    SyslogDestination destination() {
        return destination;
    }

    DiskSpool spool() {
        return spool;
    }

    boolean connected() {
        return sender.connected();
    }
}
