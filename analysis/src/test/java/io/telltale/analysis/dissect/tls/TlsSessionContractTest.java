package io.telltale.analysis.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowMeter;
import io.telltale.capture.flow.StreamHandler;
import io.telltale.capture.flow.Flow;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.testdata.ReferenceCorpus;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dissector contract on TLS, with real hellos: the client and server streams of a Chrome
 * handshake whose ClientHello spans two records (Arkime's tls-split-client-hello capture) are fed
 * split at every byte boundary and must give the same record; cut and random streams throw nothing.
 */
class TlsSessionContractTest {

    static final FlowContext FLOW = new FlowContext(11, true, "10.0.0.1", 50000, "10.0.0.2", 443, false);

    /** The reassembled payload of each direction of the first TCP flow of a capture. */
    static byte[][] streams(String capture) {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        FlowMeter meter = new FlowMeter(FlowConfig.DEFAULTS, record -> { }, new StreamHandler() {
            @Override
            public void onStreamData(Flow flow, boolean fromOriginator, MemorySegment data, long offset, int length) {
                (fromOriginator ? client : server).writeBytes(data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
            }
        });
        try (PacketSource source = CaptureFiles.open(ReferenceCorpus.load().capture(capture).path())) {
            while (source.poll(meter, 64) != PacketSource.END_OF_INPUT) {
                // read all
            }
        }
        return new byte[][] {client.toByteArray(), server.toByteArray()};
    }

    static List<MonitorEvent> run(List<byte[]> client, List<byte[]> server) {
        List<MonitorEvent> out = new ArrayList<>();
        DissectorSession session = TlsProtocol.SPEC.dissector().get().open(FLOW);
        for (byte[] b : client) {
            session.onPayload(1, true, MemorySegment.ofArray(b), 0, b.length, true, out::add);
        }
        for (byte[] b : server) {
            session.onPayload(2, false, MemorySegment.ofArray(b), 0, b.length, true, out::add);
        }
        session.onEnd(3, out::add);
        return out;
    }

    @Test
    void splitHelloGivesTheSameRecordWhereverTheStreamIsCut() {
        byte[][] streams = streams("arkime__tls-split-client-hello.pcap");
        byte[] client = java.util.Arrays.copyOf(streams[0], Math.min(streams[0].length, 2048));
        byte[] server = java.util.Arrays.copyOf(streams[1], Math.min(streams[1].length, 256));
        List<MonitorEvent> whole = run(List.of(client), List.of(server));
        assertThat(whole).hasSize(1);
        TlsRecord r = (TlsRecord) whole.getFirst();
        assertThat(r.serverName()).isEqualTo("clients2.google.com");
        assertThat(r.ja4()).isEqualTo("t13d1516h2_8daaf6152771_02713d6af862"); // Arkime's value
        assertThat(r.ja3()).isEqualTo("35708a08e7be9f7aa5bce7f2d5c1cecb");
        for (int split = 1; split < client.length; split += 7) {
            List<byte[]> pieces = List.of(java.util.Arrays.copyOfRange(client, 0, split),
                    java.util.Arrays.copyOfRange(client, split, client.length));
            assertThat(run(pieces, List.of(server))).as("client split at %d", split).isEqualTo(whole);
        }
        for (int split = 1; split < server.length; split++) {
            List<byte[]> pieces = List.of(java.util.Arrays.copyOfRange(server, 0, split),
                    java.util.Arrays.copyOfRange(server, split, server.length));
            assertThat(run(List.of(client), pieces)).as("server split at %d", split).isEqualTo(whole);
        }
    }

    @Test
    void cutAndRandomStreamsAreSurvived() {
        byte[] client = streams("arkime__tls-split-client-hello.pcap")[0];
        for (int cut = 0; cut <= Math.min(client.length, 2048); cut++) {
            run(List.of(java.util.Arrays.copyOf(client, cut)), List.of());
        }
        Random random = new Random(9);
        for (int i = 0; i < 5000; i++) {
            byte[] junk = new byte[random.nextInt(400)];
            random.nextBytes(junk);
            if (junk.length > 6) {
                junk[0] = 22;
                junk[1] = 3;
                junk[5] = 1;
            }
            run(List.of(junk), List.of(junk));
        }
    }
}
