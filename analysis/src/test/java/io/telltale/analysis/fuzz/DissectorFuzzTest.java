package io.telltale.analysis.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.telltale.analysis.detect.DetectionSink;
import io.telltale.analysis.detect.Detectors;
import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.analysis.policy.Policy;
import io.telltale.analysis.policy.PolicyLoader;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.testdata.wire.Frame;
import io.telltale.testdata.wire.Link;
import io.telltale.testdata.wire.TcpConnection;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Coverage-guided fuzzing (Jazzer) of every dissector and detector: a TCP connection (handshake, then
 * messages both ways whose bytes the fuzzer chooses) or a UDP exchange, to a port a dissector listens
 * on or to another (where the content probes must recognise it), read by the whole pipeline with every
 * detector behind it. Nothing may be thrown, and the flow is written once it ends. Without JAZZER_FUZZ
 * the seeds in {@code src/test/resources/.../DissectorFuzzTestInputs} run as a regression test.
 */
class DissectorFuzzTest {

    /** The ports the dissectors are hinted by, and a few they are not. */
    static final int[] TCP_PORTS = {21, 22, 25, 80, 104, 443, 445, 3389, 5900, 8080, 11112, 1194, 502, 4840, 23, 50123};
    static final int[] UDP_PORTS = {53, 67, 68, 123, 443, 514, 546, 547, 161, 1194, 1900, 51820, 5353, 40000};

    /** The example site's policy: the client is one of its scanners, so the policy detectors run too. */
    static final Policy POLICY = policy();

    private static Policy policy() {
        try {
            return PolicyLoader.load(Path.of("../examples/site-policy.yaml"));
        } catch (PolicyLoader.PolicyException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyConversationIsDissectedWithoutAFault(FuzzedDataProvider data) throws Exception {
        Link link = new Link(new byte[] {0, 0x0b, (byte) 0xab, 0x5c, 0x11, 0x01}, new byte[] {0, 0x1b, 0x21, 0, 0, 1},
                InetAddress.getByName("10.20.30.11"), InetAddress.getByName("203.0.113.9"), 64, 52, -1, 100);
        List<Frame> frames = new ArrayList<>();
        long start = 1_772_500_000_000_000_000L;
        if (data.consumeBoolean()) {
            TcpConnection c = new TcpConnection(link, frames, new Random(data.consumeLong()), 40000 + data.consumeInt(0, 9999),
                    data.pickValue(TCP_PORTS), start, 10_000_000L, 0).open();
            int messages = data.consumeInt(1, 12);
            for (int i = 0; i < messages && data.remainingBytes() > 0; i++) {
                byte[] message = data.consumeBytes(data.consumeInt(1, 4000));
                if (data.consumeBoolean()) {
                    c.clientSends(message);
                } else {
                    c.serverSends(message);
                }
            }
            c.close(data.consumeBoolean());
        } else {
            int port = data.pickValue(UDP_PORTS);
            int messages = data.consumeInt(1, 12);
            for (int i = 0; i < messages && data.remainingBytes() > 0; i++) {
                frames.add(link.udp(start + i * 1_000_000L, data.consumeBoolean(), 50000, port, data.consumeBytes(data.consumeInt(0, 1400))));
            }
        }
        List<MonitorEvent> events = new ArrayList<>();
        EventSink collect = events::add;
        // a small flow table: the default million entries per run would measure the allocator, not the dissectors
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS.withMaxFlows(64), BuiltInProtocols.ALL,
                new DetectionSink(collect, Detectors.all(POLICY), POLICY));
        for (Frame f : frames) {
            pipeline.onPacket(f.timestampNanos(), f.bytes().length, MemorySegment.ofArray(f.bytes()), 0, f.bytes().length, 1);
        }
        pipeline.finish();
        if (!frames.isEmpty()) {
            assertThat(events).as("the conversation's flow record").anyMatch(e -> e instanceof FlowEvent);
        }
    }
}
