package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.index.IndexLayout;
import io.telltale.analysis.index.IndexSchema;
import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.analysis.index.SearchPage;
import io.telltale.analysis.index.SearchRequest;
import io.telltale.capture.source.PacketHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.capture.store.PacketExtractor;
import io.telltale.testdata.ReferenceCorpus;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code extract} gives exactly a flow's packets, byte for byte: every flow of a capture read with
 * {@code read --data-dir} is extracted, each frame of the result is found in the original capture, all
 * frames of a flow lie in the one stream tshark puts them in, and the TCP flows of a stream together hold
 * exactly its frames, no frame twice. (A tshark stream may be several of our flows, as it is several of
 * Zeek's connections: a lone FIN-ACK every 18 s is three connections to Zeek, one stream to tshark; and
 * tshark never ends a UDP stream on idle.) Time order and timestamps are checked on the way.
 */
class ExtractAgreementTest {

    record Frame(long timestampNanos, String bytes) {
    }

    static List<Frame> frames(Path capture) {
        List<Frame> frames = new ArrayList<>();
        PacketHandler collect = (timestampNanos, wireLength, data, offset, capturedLength, linkType) -> frames.add(
                new Frame(timestampNanos, HexFormat.of().formatHex(data.asSlice(offset, capturedLength).toArray(ValueLayout.JAVA_BYTE))));
        try (PacketSource source = CaptureFiles.open(capture)) {
            while (source.poll(collect, 64) != PacketSource.END_OF_INPUT) {
                // read it all
            }
        }
        return frames;
    }

    /** Frame number (1-based) to tshark's stream: "tcp 3", "udp 0", or null for neither. */
    static Map<Integer, String> tsharkStreams(Path capture) throws IOException, InterruptedException {
        Process tshark = new ProcessBuilder("tshark", "-r", capture.toString(), "-T", "fields", "-e", "frame.number",
                "-e", "tcp.stream", "-e", "udp.stream", "-E", "separator=;").redirectErrorStream(false).start();
        String output = new String(tshark.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tshark.waitFor()).isZero();
        Map<Integer, String> streams = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] f = line.split(";", -1);
            if (f.length < 3 || f[0].isBlank()) {
                continue;
            }
            // tunnels list several streams: the innermost is the last
            String tcp = f[1].isBlank() ? null : f[1].substring(f[1].lastIndexOf(',') + 1);
            String udp = f[2].isBlank() ? null : f[2].substring(f[2].lastIndexOf(',') + 1);
            streams.put(Integer.parseInt(f[0].trim()), tcp != null ? "tcp " + tcp : udp != null ? "udp " + udp : null);
        }
        return streams;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeek__wikipedia.pcap", "arkime__v6-http.pcap", "sv__community-id-ipv6_input.pcap",
        "arkime__twovlan.pcap", "ndpi__1kxun.pcap"})
    void extractGivesEachFlowsPacketsAsTsharkSeesTheStream(String name, @TempDir Path dir) throws Exception {
        Path capture = ReferenceCorpus.load().capture(name).path();
        ReadCommandTest.Run run = ReadCommandTest.run("read", capture.toString(), "--out", dir.resolve("out").toString(),
                "--data-dir", dir.resolve("data").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);

        List<Frame> original = frames(capture);
        Map<Frame, Integer> numbers = new HashMap<>();
        for (int i = 0; i < original.size(); i++) {
            numbers.putIfAbsent(original.get(i), i + 1);
        }
        Map<Integer, String> streams = tsharkStreams(capture);
        Map<String, TreeSet<Integer>> framesOfStream = new HashMap<>();
        streams.forEach((frame, stream) -> {
            if (stream != null) {
                framesOfStream.computeIfAbsent(stream, s -> new TreeSet<>()).add(frame);
            }
        });

        Map<String, TreeSet<Integer>> ourTcpFrames = new HashMap<>();
        int tcpFlows = 0;
        int udpFlows = 0;
        try (LuceneFlowSearch search = new LuceneFlowSearch(new IndexLayout(dir.resolve("data")), IndexSchema.standard())) {
            SearchPage page = search.search(SearchRequest.of("").withLimit(100_000));
            assertThat(page.total()).isPositive().isEqualTo(page.hits().size());
            PacketExtractor extractor = new PacketExtractor(dir.resolve("data").resolve("pcap"));
            for (SearchPage.FlowHit flow : page.hits()) {
                if (flow.fields().containsKey("flow.tunnel_parent") || flow.packets() == null) {
                    continue;
                }
                String transport = (String) flow.fields().get("flow.transport");
                Path out = dir.resolve("flow.pcap");
                PacketExtractor.Extraction done = extractor.extract(List.of(flow.packets()), out);
                assertThat(done.missing()).isZero();
                List<Integer> extracted = new ArrayList<>();
                long last = Long.MIN_VALUE;
                for (Frame frame : frames(out)) {
                    Integer number = numbers.get(frame);
                    assertThat(number).as("%s: an extracted frame of %s is in the capture, bytes and time", name, flow.uid()).isNotNull();
                    assertThat(frame.timestampNanos()).isGreaterThanOrEqualTo(last);
                    last = frame.timestampNanos();
                    extracted.add(number);
                }
                assertThat(extracted).hasSize((int) done.packets());
                String stream = streams.get(extracted.getFirst());
                if (stream == null || !stream.startsWith(transport)) {
                    continue; // tshark names the frame otherwise (an ICMP error quoting a datagram, a tunnel)
                }
                assertThat(framesOfStream.get(stream)).as("%s flow %s within tshark's %s", name, flow.uid(), stream)
                        .containsAll(extracted);
                assertThat(extracted).doesNotHaveDuplicates();
                if (transport.equals("tcp")) {
                    for (int frame : extracted) {
                        assertThat(ourTcpFrames.computeIfAbsent(stream, k -> new TreeSet<>()).add(frame))
                                .as("%s frame %d in one flow only", name, frame).isTrue();
                    }
                    tcpFlows++;
                } else {
                    udpFlows++;
                }
            }
        }
        assertThat(ourTcpFrames.keySet()).as("%s: every TCP stream of tshark is made of our flows", name)
                .containsExactlyInAnyOrderElementsOf(framesOfStream.keySet().stream().filter(k -> k.startsWith("tcp")).toList());
        ourTcpFrames.forEach((stream, frames) -> assertThat(frames).as("%s: our flows of tshark's %s", name, stream)
                .isEqualTo(framesOfStream.get(stream)));
        System.out.printf("%s: %d TCP flows making up tshark's streams, %d UDP flows within theirs%n", name, tcpFlows, udpFlows);
        assertThat(tcpFlows + udpFlows).isPositive();
    }
}
