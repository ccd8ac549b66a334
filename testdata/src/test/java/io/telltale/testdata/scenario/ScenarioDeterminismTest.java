package io.telltale.testdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed gives byte-identical captures; another seed gives other bytes. */
class ScenarioDeterminismTest {

    static final List<String> MIX = List.of("N3", "N8", "A1", "A2b", "A4b", "A13-gzip-base64", "A14");

    @Test
    void theSameSeedWritesTheSameBytes(@TempDir Path dir) throws IOException {
        List<Scenario> scenarios = MIX.stream().map(id -> ScenarioCatalog.find(id).orElseThrow()).toList();
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        Path c = dir.resolve("c.pcap");
        ScenarioWriter.Result first = ScenarioWriter.write(scenarios, Site.reference(), 42, GeneratedCaptures.START,
                GeneratedCaptures.END, 0.0001, 0.2, a);
        ScenarioWriter.Result second = ScenarioWriter.write(scenarios, Site.reference(), 42, GeneratedCaptures.START,
                GeneratedCaptures.END, 0.0001, 0.2, b);
        ScenarioWriter.write(scenarios, Site.reference(), 43, GeneratedCaptures.START, GeneratedCaptures.END, 0.0001, 0.2, c);
        assertThat(first.frames()).isGreaterThan(1_000);
        assertThat(Files.mismatch(a, b)).as("first differing byte").isEqualTo(-1L);
        assertThat(second.truths()).isEqualTo(first.truths());
        assertThat(Files.mismatch(a, c)).as("another seed").isNotEqualTo(-1L);
    }

    @Test
    void framesAreInTimeOrder(@TempDir Path dir) throws IOException {
        Path pcap = dir.resolve("day.pcap");
        ScenarioWriter.write(ScenarioCatalog.busyDay(), Site.reference(), 1, GeneratedCaptures.START, GeneratedCaptures.END,
                0.00001, 0.02, pcap);
        byte[] file = Files.readAllBytes(pcap);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long last = Long.MIN_VALUE;
        int frames = 0;
        for (int at = 24; at < file.length; frames++) {
            long micros = (b.getInt(at) & 0xffffffffL) * 1_000_000L + b.getInt(at + 4);
            assertThat(micros).as("frame %d", frames).isGreaterThanOrEqualTo(last);
            last = micros;
            at += 16 + b.getInt(at + 8);
        }
        assertThat(frames).isGreaterThan(10_000);
    }
}
