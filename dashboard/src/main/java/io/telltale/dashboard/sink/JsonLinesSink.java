package io.telltale.dashboard.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.dashboard.output.EventJson;
import io.telltale.dashboard.siem.JsonFormat;
import io.telltale.dashboard.siem.SensorIdentity;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Writes the chosen record classes to a rotating JSON-lines file, flushed at the end of each batch
 * so a forwarder sees every line within a batch. A write that fails (a full disk) is counted and
 * said once per run of failures; the pipeline goes on.
 */
public final class JsonLinesSink implements EventSink, Closeable {

    private final JsonLinesOutput config;
    private final SensorIdentity sensor;
    private final RotatingFile file;
    private final EventJson json = new EventJson(false);
    private final Consumer<String> log;
    private final Counter written;
    private final Counter failed;
    private boolean failing;

    public JsonLinesSink(JsonLinesOutput config, SensorIdentity sensor, Clock clock, MeterRegistry registry, Consumer<String> log)
            throws IOException {
        this.config = config;
        this.sensor = sensor;
        this.log = log;
        this.file = new RotatingFile(config.path(), config.rotateBytes(), config.rotateEvery().toMillis(), config.keep(), clock);
        written = Counter.builder("telltale.sink.records.written").tag("sink", config.name()).register(registry);
        failed = Counter.builder("telltale.sink.records.failed").tag("sink", config.name()).register(registry);
    }

    @Override
    public void accept(MonitorEvent event) {
        if (event instanceof Alert alert && !config.alertFormat().equals("telltale")) {
            if (config.records().contains(RecordClass.ALERTS)) {
                write(JsonFormat.encode(alert, config.alertFormat(), sensor).getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        json.encode(event, this::encoded);
    }

    private void encoded(String logName, String device, byte[] line) {
        if (config.records().contains(RecordClass.of(logName))) {
            write(line);
        }
    }

    private void write(byte[] line) {
        try {
            file.writeLine(line);
            written.increment();
            if (failing) {
                failing = false;
                log.accept("jsonl " + config.name() + ": writing " + config.path() + " again");
            }
        } catch (IOException e) {
            failed.increment();
            if (!failing) {
                failing = true;
                log.accept("jsonl " + config.name() + ": cannot write " + config.path() + ": " + e.getMessage()
                        + "; records are counted as failed until it can");
            }
        }
    }

    @Override
    public void endOfBatch() {
        try {
            file.flush();
        } catch (IOException e) {
            failed.increment();
        }
    }

    /** The input ended: open DHCP exchanges are written. */
    public void finish() {
        json.finish(this::encoded);
    }

    @Override
    public void close() throws IOException {
        finish();
        file.close();
    }
}
