package io.telltale.testdata.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.capture.decode.DecodeAnomaly;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowMeter;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.capture.flow.StreamHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.testdata.ReferenceCorpus;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checksum checking on real packets: Zeek read wikipedia.pcap with its checksums intact, so every one
 * passes; one byte changed in a TCP segment makes exactly that segment fail and drop out of the
 * counts, and the history shows it, as Zeek's would.
 */
class ChecksumVerificationTest {

    record Frame(long ts, int wire, byte[] bytes, int link) {
    }

    static List<Frame> frames(String capture) {
        List<Frame> frames = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(ReferenceCorpus.load().capture(capture).path())) {
            while (source.poll((ts, wire, data, offset, length, link) -> frames.add(new Frame(ts, wire,
                    data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), link)), 64) != PacketSource.END_OF_INPUT) {
                // read all
            }
        }
        return frames;
    }

    static List<FlowRecord> run(List<Frame> frames, FlowMeter meter, List<FlowRecord> records) {
        for (Frame f : frames) {
            meter.onPacket(f.ts(), f.wire(), MemorySegment.ofArray(f.bytes()), 0, f.bytes().length, f.link());
        }
        meter.finish();
        return records;
    }

    @Test
    void intactCaptureHasNoBadChecksumsAndOneFlippedByteIsCaught() {
        List<Frame> frames = frames("zeek__wikipedia.pcap");
        List<FlowRecord> clean = new ArrayList<>();
        FlowMeter checking = new FlowMeter(FlowConfig.DEFAULTS.withVerifyChecksums(true), clean::add, StreamHandler.NONE);
        run(frames, checking, clean);
        assertThat(checking.decodeStats().totalAnomalies()).isZero();

        // The first TCP segment with payload from 141.142.220.118:35642 (an HTTP request): corrupt its last byte.
        int target = -1;
        for (int i = 0; i < frames.size() && target < 0; i++) {
            byte[] b = frames.get(i).bytes();
            boolean tcp = b.length > 54 && b[12] == 0x08 && b[13] == 0x00 && b[23] == 6;
            if (tcp && ((b[34] & 0xff) << 8 | (b[35] & 0xff)) == 35642 && b.length > 66 + 20) {
                target = i;
            }
        }
        assertThat(target).isNotNegative();
        List<Frame> corrupted = new ArrayList<>(frames);
        byte[] bytes = frames.get(target).bytes().clone();
        bytes[bytes.length - 1] ^= 0x5a;
        corrupted.set(target, new Frame(frames.get(target).ts(), frames.get(target).wire(), bytes, frames.get(target).link()));

        List<FlowRecord> records = new ArrayList<>();
        FlowMeter meter = new FlowMeter(FlowConfig.DEFAULTS.withVerifyChecksums(true), records::add, StreamHandler.NONE);
        run(corrupted, meter, records);
        assertThat(meter.decodeStats().count(DecodeAnomaly.BAD_TCP_CHECKSUM)).isEqualTo(1);
        assertThat(meter.decodeStats().totalAnomalies()).isEqualTo(1);
        FlowRecord before = clean.stream().filter(r -> r.originatorPort() == 35642).findFirst().orElseThrow();
        FlowRecord after = records.stream().filter(r -> r.originatorPort() == 35642).findFirst().orElseThrow();
        assertThat(after.originatorPackets()).isEqualTo(before.originatorPackets() - 1);
        assertThat(after.history()).contains("C");

        List<FlowRecord> unchecked = new ArrayList<>();
        FlowMeter trusting = new FlowMeter(FlowConfig.DEFAULTS, unchecked::add, StreamHandler.NONE);
        run(corrupted, trusting, unchecked);
        assertThat(unchecked.stream().filter(r -> r.originatorPort() == 35642).findFirst().orElseThrow().originatorPackets())
                .as("without checking, the segment counts as Zeek -C would count it").isEqualTo(before.originatorPackets());
    }
}
