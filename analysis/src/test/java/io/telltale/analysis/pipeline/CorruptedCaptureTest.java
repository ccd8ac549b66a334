package io.telltale.analysis.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.testdata.Recordings;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Every reference capture and recording, with bits of their packets flipped at random (three per
 * packet; eight seeded rounds), through the whole pipeline with every dissector: hostile input at every layer.
 * Nothing may escape as an exception, and the flows still come out (a capture of only fragments may
 * lose all of them, when a flipped bit breaks reassembly).
 */
class CorruptedCaptureTest {

    record Frame(long timestamp, int wireLength, byte[] bytes, int linkType) {
    }

    static List<Frame> frames(Path capture) {
        List<Frame> frames = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(capture)) {
            while (source.poll((ts, wire, data, offset, length, link) -> frames.add(new Frame(ts, wire,
                    data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), link)), 256) != PacketSource.END_OF_INPUT) {
                // read all
            }
        }
        return frames;
    }

    @RepeatedTest(8)
    void flippedBytesEverywhereThrowNothing(RepetitionInfo repetition) {
        List<Path> captures = new ArrayList<>(ReferenceCorpus.load().captures().stream().map(ReferenceCapture::path).toList());
        for (String recording : List.of("dicom-associations.pcap", "ntp-covert-and-dns-refused.pcap",
                "smb-image-upload.pcap", "smtp-report-to-vendor.pcap")) {
            captures.add(Recordings.path(recording));
        }
        Random random = new Random(20261128L * repetition.getCurrentRepetition());
        long packets = 0;
        long[] flows = new long[1];
        for (Path capture : captures) {
            List<Frame> frames = frames(capture);
            AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS, BuiltInProtocols.ALL, e -> {
                if (e instanceof io.telltale.analysis.event.FlowEvent) {
                    flows[0]++;
                }
            });
            for (Frame f : frames) {
                byte[] b = f.bytes().clone();
                for (int i = 0; i < 3 && b.length > 14; i++) {
                    // Past the link header, so that most packets still decode and reach the dissectors.
                    b[14 + random.nextInt(b.length - 14)] ^= (byte) (1 << random.nextInt(8));
                }
                pipeline.onPacket(f.timestamp(), f.wireLength(), MemorySegment.ofArray(b), 0, b.length, f.linkType());
                packets++;
            }
            pipeline.finish();
        }
        assertThat(packets).isGreaterThan(5000);
        assertThat(flows[0]).isGreaterThan(500);
    }
}
