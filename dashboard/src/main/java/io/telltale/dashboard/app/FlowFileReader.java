package io.telltale.dashboard.app;

import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowMeter;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.capture.flow.StreamHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.dashboard.output.FlowRecordWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads capture files in order through one flow meter and writes every flow record. Files are read
 * as one stream of packets, as Zeek reads several {@code -r} files, so a flow may span files.
 */
public final class FlowFileReader {

    static final int BATCH = 256;

    private final FlowConfig config;

    public FlowFileReader(FlowConfig config) {
        this.config = config;
    }

    public ReadSummary read(List<Path> files, FlowRecordWriter writer) throws IOException {
        long started = System.nanoTime();
        List<io.telltale.capture.source.SourceDamage> damage = new ArrayList<>();
        FlowMeter meter = new FlowMeter(config, record -> write(writer, record), StreamHandler.NONE);
        try {
            for (Path file : files) {
                try (PacketSource source = CaptureFiles.open(file)) {
                    while (source.poll(meter, BATCH) != PacketSource.END_OF_INPUT) {
                        // Poll until the file is exhausted or damaged; damage is reported below.
                    }
                    source.damage().ifPresent(damage::add);
                }
            }
            meter.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new ReadSummary(files.size(), meter.stats().packets(), meter.stats().wireBytes(),
                meter.stats().recordsEmitted(), meter.stats().interimRecords(), meter.stats().evictions(),
                meter.decodeStats().nonIpFrames(), meter.decodeStats().nonZero(), List.copyOf(damage),
                writer.destination(), System.nanoTime() - started);
    }

    private static void write(FlowRecordWriter writer, FlowRecord record) {
        try {
            writer.write(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
