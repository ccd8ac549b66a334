package io.telltale.capture.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowMeter;
import io.telltale.capture.flow.StreamHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import java.lang.foreign.MemorySegment;

/**
 * Coverage-guided fuzzing (Jazzer) of the pcap and pcapng readers and, behind them, the packet decoder
 * and the flow table: whatever the bytes, reading ends (at the end or at the damage it reports, whose
 * offset lies in the file), and nothing is thrown. Without JAZZER_FUZZ the seeds in
 * {@code src/test/resources/.../CaptureFileFuzzTestInputs} run as a regression test; {@code fuzz/run}
 * fuzzes for real. A crash found becomes a seed there.
 */
class CaptureFileFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void aCaptureFileOfAnyBytesIsReadToItsEndOrItsDamage(byte[] bytes) throws Exception {
        long[] records = {0};
        FlowMeter meter = new FlowMeter(FlowConfig.DEFAULTS.withMaxFlows(4096), record -> records[0]++, StreamHandler.NONE);
        try (PacketSource source = CaptureFiles.open("fuzzed", MemorySegment.ofArray(bytes), null)) {
            int polls = 0;
            while (source.poll(meter, 64) != PacketSource.END_OF_INPUT) {
                assertThat(++polls).as("a source of %d bytes ends", bytes.length).isLessThan(bytes.length + 2);
            }
            source.damage().ifPresent(d -> assertThat(d.byteOffset()).isBetween(-1L, (long) bytes.length));
        }
        meter.finish();
        assertThat(records[0]).as("every record counted was written").isEqualTo(meter.stats().recordsEmitted());
    }
}
