package io.telltale.testdata;

import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowMeter;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.capture.flow.StreamHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a capture file through a flow meter and collects its records (a recording sink). */
public final class FlowRecords {

    private FlowRecords() {
    }

    public static List<FlowRecord> of(Path capture) {
        return of(capture, FlowConfig.DEFAULTS, StreamHandler.NONE);
    }

    public static List<FlowRecord> of(Path capture, FlowConfig config, StreamHandler streams) {
        List<FlowRecord> records = new ArrayList<>();
        FlowMeter meter = new FlowMeter(config, records::add, streams);
        try (PacketSource source = CaptureFiles.open(capture)) {
            while (source.poll(meter, 64) != PacketSource.END_OF_INPUT) {
                // read to the end
            }
        }
        meter.finish();
        return records;
    }
}
