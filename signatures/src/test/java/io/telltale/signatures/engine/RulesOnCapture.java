package io.telltale.signatures.engine;

import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A capture through the real pipeline with rules attached, as {@code telltale read --rules} runs it. */
final class RulesOnCapture {

    private RulesOnCapture() {
    }

    /** Every finding of the rules, in order, before any de-duplication (Suricata's alert count). */
    static List<Finding> findings(Path capture, RuleSet rules) {
        SignatureDetector detector = new SignatureDetector(rules);
        List<Finding> findings = new ArrayList<>();
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS, BuiltInProtocols.ALL, (MonitorEvent e) -> {
            if (e instanceof ProtocolRecord r) {
                detector.onRecord(r, findings::add);
            } else if (e instanceof FlowEvent f) {
                detector.onFlow(f.flow(), findings::add);
            }
        });
        pipeline.inspectWith(new PacketInspector(detector::rules));
        try (PacketSource source = CaptureFiles.open(capture)) {
            while (source.poll(pipeline, 64) != PacketSource.END_OF_INPUT) {
                // the pipeline calls the detector
            }
        }
        pipeline.finish();
        return findings;
    }
}
