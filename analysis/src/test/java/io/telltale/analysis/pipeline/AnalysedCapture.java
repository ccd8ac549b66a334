package io.telltale.analysis.pipeline;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a whole capture through the real pipeline with every built-in dissector, as the CLI does. */
public final class AnalysedCapture {

    private AnalysedCapture() {
    }

    /** Every event the pipeline emits for the capture, in emission order. */
    public static List<MonitorEvent> events(Path capture, FlowConfig config) {
        List<MonitorEvent> events = new ArrayList<>();
        AnalysisPipeline pipeline = new AnalysisPipeline(config, BuiltInProtocols.ALL, events::add);
        try (PacketSource source = CaptureFiles.open(capture)) {
            while (source.poll(pipeline, 64) != PacketSource.END_OF_INPUT) {
                // read to the end; the pipeline collects
            }
        }
        pipeline.finish();
        return events;
    }

    /** The events of one kind, for example every {@code DnsRecord}. */
    public static <T extends MonitorEvent> List<T> events(Path capture, Class<T> kind) {
        return events(capture, FlowConfig.DEFAULTS).stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
