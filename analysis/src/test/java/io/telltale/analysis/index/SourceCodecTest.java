package io.telltale.analysis.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.analysis.field.FieldSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored source's codes never move, every field has one, and a source reads back as written. */
class SourceCodecTest {

    @Test
    void codesAreAppendOnly() throws IOException {
        List<String> published;
        try (InputStream in = getClass().getResourceAsStream("source-codes-2026-11-29.txt")) {
            published = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        assertThat(SourceCodec.names()).as("indexes written with the first list must read the same").startsWith(
                published.toArray(String[]::new));
        assertThat(SourceCodec.names()).doesNotHaveDuplicates();
    }

    @Test
    void everyIndexedFieldHasACode() {
        for (FieldSpec field : IndexSchema.standard().fields()) {
            assertThat(SourceCodec.code(field.name())).as(field.name()).isNotNegative();
        }
    }

    @net.jqwik.api.Property(tries = 2000)
    void damagedBytesAreAnErrorNeverAHang(@net.jqwik.api.ForAll @net.jqwik.api.constraints.Size(max = 48) byte[] bytes) {
        try {
            SourceCodec.decode(bytes, 0, bytes.length, IndexSchema.standard());
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("stored source");
        }
    }

    @Test
    void aFlowsAddressesAreBytesAndItsEndIsItsStartPlusItsDuration() {
        SourceCodec.Writer writer = new SourceCodec.Writer();
        // a flow document leaves its start out (its doc values hold it); older ones wrote it
        writer.value(SourceCodec.code("flow.start"), 1_795_824_000_123_456_789L);
        writer.value(SourceCodec.code("flow.duration"), 2_500_000_000L);
        writer.address(SourceCodec.code("ip.src"), 0, io.telltale.capture.flow.Addresses.mapIpv4(0x0a141e0b));
        writer.address(SourceCodec.code("ip.dst"), 0x2001_0db8_0000_0000L, 0x0000_0000_0000_0001L);
        byte[] bytes = writer.toByteArray();
        // code, tag and zig-zag varint: 11 bytes for the start, 7 for the duration, 1 + 1 + 1 + 4 and 1 + 1 + 1 + 16 for the addresses
        assertThat(bytes).hasSize(11 + 7 + 7 + 19);
        assertThat(SourceCodec.decode(bytes, 0, bytes.length, IndexSchema.standard())).containsExactly(
                Map.entry("flow.start", 1_795_824_000_123_456_789L), Map.entry("flow.end", 1_795_824_002_623_456_789L),
                Map.entry("flow.duration", 2_500_000_000L), Map.entry("ip.src", "10.20.30.11"), Map.entry("ip.dst", "2001:db8::1"));
        assertThatThrownBy(() -> SourceCodec.decode(bytes, 0, bytes.length - 1, IndexSchema.standard()))
                .hasMessageContaining("address is not 4 or 16 bytes");
        // without the start, the reader gives it from the doc values
        byte[] withoutStart = java.util.Arrays.copyOfRange(bytes, 11, bytes.length);
        assertThat(SourceCodec.decode(withoutStart, 0, withoutStart.length, IndexSchema.standard(), 1_795_824_000_123_456_789L))
                .containsExactly(Map.entry("flow.start", 1_795_824_000_123_456_789L),
                        Map.entry("flow.end", 1_795_824_002_623_456_789L), Map.entry("flow.duration", 2_500_000_000L),
                        Map.entry("ip.src", "10.20.30.11"), Map.entry("ip.dst", "2001:db8::1"));
    }

    @Test
    void aSourceReadsBackAsWritten() {
        SourceCodec.Writer writer = new SourceCodec.Writer();
        writer.value(SourceCodec.code("ip.src"), "10.20.30.11");
        writer.value(SourceCodec.code("bytes.out"), 1_234_567_890_123L);
        writer.value(SourceCodec.code("flow.duration"), -1L);
        writer.value(SourceCodec.code("flow.interim"), false);
        writer.value(SourceCodec.code("flow.service"), "dicom");
        writer.value(SourceCodec.code("dns.query"), "a.example");
        writer.value(SourceCodec.code("dns.query"), "b.example");
        writer.value(SourceCodec.code("tls.sni"), "<img src=x onerror=alert(1)>\n\u00e9");
        writer.value(999, "a field of a later version");
        writer.value(SourceCodec.code(IndexSchema.ID_KEY), Long.MIN_VALUE);
        byte[] bytes = writer.toByteArray();
        Map<String, Object> read = SourceCodec.decode(bytes, 0, bytes.length, IndexSchema.standard());
        assertThat(read).containsExactly(Map.entry("ip.src", "10.20.30.11"), Map.entry("bytes.out", 1_234_567_890_123L),
                Map.entry("flow.duration", -1L), Map.entry("flow.interim", false), Map.entry("flow.service", List.of("dicom")),
                Map.entry("dns.query", List.of("a.example", "b.example")),
                Map.entry("tls.sni", "<img src=x onerror=alert(1)>\n\u00e9"), Map.entry(IndexSchema.ID_KEY, Long.MIN_VALUE));
        assertThatThrownBy(() -> SourceCodec.decode(bytes, 0, bytes.length - 3, IndexSchema.standard()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
