package io.telltale.testdata.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowMeter;
import io.telltale.capture.flow.StreamHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile input at the packet level: every frame of the small reference captures, cut at every
 * length (as a snap length would cut it) and, separately, with its declared lengths lying, goes
 * through the whole flow meter with checksums checked. Nothing may escape; what is wrong is counted.
 */
class TruncatedFrameRobustnessTest {

    @Test
    void everyFrameCutAtEveryLengthIsHandled() {
        long frames = 0;
        long cuts = 0;
        FlowMeter meter = new FlowMeter(FlowConfig.DEFAULTS.withVerifyChecksums(true).withMaxFlows(4096),
                record -> { }, StreamHandler.NONE);
        for (ReferenceCapture capture : ReferenceCorpus.load().captures()) {
            if (capture.size() > 64 * 1024) {
                continue;
            }
            List<Object[]> packets = new ArrayList<>();
            try (PacketSource source = CaptureFiles.open(capture.path())) {
                while (source.poll((ts, wire, data, offset, length, link) -> packets.add(new Object[] {ts, wire,
                        data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), link}), 64) != PacketSource.END_OF_INPUT) {
                    // read all
                }
            }
            for (Object[] packet : packets) {
                byte[] bytes = (byte[]) packet[2];
                frames++;
                for (int cut = 0; cut <= bytes.length; cut++) {
                    // Cut by a snap length: the wire length stays as it was.
                    meter.onPacket((long) packet[0], (int) packet[1], MemorySegment.ofArray(bytes), 0, cut, (int) packet[3]);
                    cuts++;
                }
                // Lying lengths: the first bytes after every header flipped.
                byte[] flipped = bytes.clone();
                for (int i = 14; i < flipped.length && i < 80; i += 2) {
                    flipped[i] = (byte) ~flipped[i];
                }
                meter.onPacket((long) packet[0], (int) packet[1], MemorySegment.ofArray(flipped), 0, flipped.length, (int) packet[3]);
            }
        }
        meter.finish();
        System.out.printf("%d frames, %d cuts: %d anomalies counted, %d flows%n", frames, cuts,
                meter.decodeStats().totalAnomalies(), meter.stats().flowsCreated());
        assertThat(cuts).isGreaterThan(100_000);
        assertThat(meter.decodeStats().totalAnomalies()).isPositive();
    }
}
