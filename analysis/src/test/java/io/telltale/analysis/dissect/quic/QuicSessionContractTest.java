package io.telltale.analysis.dissect.quic;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.testdata.ReferenceCorpus;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dissector contract on QUIC, with a real client Initial (Suricata's ja4-quic capture, Chrome):
 * it opens and yields the ClientHello; cut at every offset or with any byte flipped it yields nothing
 * (the AEAD tag fails) and throws nothing; random datagrams likewise; the probe takes it and not a
 * server's short-header packet.
 */
class QuicSessionContractTest {

    static final FlowContext FLOW = new FlowContext(12, false, "192.168.178.25", 51333, "142.250.181.201", 443, false);

    /** The UDP payload of the capture's first frame: Ethernet, IPv4, UDP. */
    static byte[] firstInitial() throws Exception {
        byte[] file = Files.readAllBytes(ReferenceCorpus.load().capture("sv__ja4-quic_input.pcap").path());
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int captured = b.getInt(24 + 8);
        int frame = 24 + 16;
        int ip = frame + 14;
        int udp = ip + (file[ip] & 0x0f) * 4;
        return Arrays.copyOfRange(file, udp + 8, frame + captured);
    }

    static List<MonitorEvent> feed(byte[] datagram) {
        List<MonitorEvent> out = new ArrayList<>();
        DissectorSession session = QuicProtocol.SPEC.dissector().get().open(FLOW);
        session.onPayload(1, true, MemorySegment.ofArray(datagram), 0, datagram.length, false, out::add);
        session.onEnd(2, out::add);
        return out;
    }

    @Test
    void aRealInitialOpensAndItsHelloReads() throws Exception {
        byte[] initial = firstInitial();
        assertThat(initial).hasSize(1250);
        assertThat(QuicProtocol.looksLikeClientInitial(MemorySegment.ofArray(initial), 0, initial.length, false, true))
                .isTrue();
        List<MonitorEvent> out = feed(initial);
        assertThat(out).hasSize(2).hasAtLeastOneElementOfType(io.telltale.analysis.event.QuicRecord.class);
        TlsRecord r = out.stream().filter(TlsRecord.class::isInstance).map(TlsRecord.class::cast).findFirst().orElseThrow();
        assertThat(r.ja4()).startsWith("q13d");
        assertThat(r.alpnOffered()).contains("h3");
    }

    @Test
    void cutFlippedAndRandomDatagramsYieldNothingAndThrowNothing() throws Exception {
        byte[] initial = firstInitial();
        for (int cut = 0; cut < initial.length; cut += 3) {
            assertThat(feed(Arrays.copyOf(initial, cut))).isEmpty();
        }
        Random random = new Random(8);
        for (int i = 0; i < 300; i++) {
            byte[] flipped = initial.clone();
            int at = 30 + random.nextInt(initial.length - 30); // past the header: the tag must fail
            flipped[at] ^= (byte) (1 + random.nextInt(255));
            assertThat(feed(flipped)).isEmpty();
        }
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(1400)];
            random.nextBytes(junk);
            feed(junk);
        }
        byte[] shortHeader = initial.clone();
        shortHeader[0] = 0x40; // a 1-RTT packet: nothing a passive observer can open
        assertThat(QuicProtocol.looksLikeClientInitial(MemorySegment.ofArray(shortHeader), 0, shortHeader.length, false,
                true)).isFalse();
    }
}
