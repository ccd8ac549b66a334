package io.telltale.analysis.dissect.ntp;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.NtpRecord;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dissector contract on NTP: a header built from RFC 5905 reads back; what does not fit NTP is
 * named; cut and random datagrams throw nothing; the probe takes NTP on any port and little else.
 */
class NtpSessionContractTest {

    static final FlowContext FLOW = new FlowContext(4, false, "10.0.0.5", 40123, "10.0.0.1", 123, false);

    /** A version 4 client request at 2024-01-01T00:00:00.5Z, stratum 2 from 192.0.2.1. */
    static byte[] request(int extraBytes) {
        ByteBuffer b = ByteBuffer.allocate(48 + extraBytes);
        b.put((byte) (4 << 3 | 3)).put((byte) 2).put((byte) 6).put((byte) -20);
        b.putInt(0x0001_8000); // root delay 1.5 s
        b.putInt(0x0000_4000); // root dispersion 0.25 s
        b.put(new byte[] {(byte) 192, 0, 2, 1});
        b.putLong(0);
        b.putLong(0);
        b.putLong(0);
        long seconds = 1_704_067_200L + NtpSession.EPOCH_OFFSET;
        b.putInt((int) seconds).putInt(0x8000_0000);
        return b.array();
    }

    static List<NtpRecord> run(byte[]... datagrams) {
        List<MonitorEvent> out = new ArrayList<>();
        DissectorSession session = NtpProtocol.SPEC.dissector().get().open(FLOW);
        for (byte[] d : datagrams) {
            session.onPayload(1, true, MemorySegment.ofArray(d), 0, d.length, false, out::add);
        }
        return out.stream().map(NtpRecord.class::cast).toList();
    }

    @Test
    void theHeaderReadsBack() {
        NtpRecord r = run(request(0)).getFirst();
        assertThat(r.version()).isEqualTo(4);
        assertThat(r.mode()).isEqualTo(3);
        assertThat(r.stratum()).isEqualTo(2);
        assertThat(r.pollSeconds()).isEqualTo(64.0);
        assertThat(r.precisionSeconds()).isEqualTo(Math.pow(2, -20));
        assertThat(r.rootDelay()).isEqualTo(1.5);
        assertThat(r.rootDispersion()).isEqualTo(0.25);
        assertThat(r.refId()).isEqualTo("192.0.2.1");
        assertThat(r.originTime()).as("an all-zero timestamp stays 0").isZero();
        assertThat(r.transmitTime()).isEqualTo(1_704_067_200.5);
        assertThat(r.anomaly()).isNull();
    }

    @Test
    void aMacOrExtensionFieldsFitAndOtherTrailingBytesAreNamed() {
        assertThat(run(request(20)).getFirst().anomaly()).isNull();
        assertThat(run(request(24)).getFirst().anomaly()).isNull();
        byte[] extension = request(16);
        extension[48 + 3] = 16; // one 16-byte extension field
        assertThat(run(extension).getFirst().extensions()).isEqualTo(1);
        assertThat(run(extension).getFirst().anomaly()).isNull();
        byte[] smuggled = request(200);
        Arrays.fill(smuggled, 48, smuggled.length, (byte) 'A');
        assertThat(run(smuggled).getFirst().anomaly()).isEqualTo("200 bytes after the header are neither extension fields"
                + " nor a MAC");
        byte[] odd = request(0);
        odd[1] = (byte) 200;
        assertThat(run(odd).getFirst().anomaly()).isEqualTo("stratum 200 beyond 16");
    }

    @Test
    void cutAndRandomDatagramsThrowNothing() {
        byte[] whole = request(24);
        for (int cut = 0; cut <= whole.length; cut++) {
            run(Arrays.copyOf(whole, cut));
        }
        Random random = new Random(11);
        for (int i = 0; i < 5000; i++) {
            byte[] junk = new byte[random.nextInt(120)];
            random.nextBytes(junk);
            run(junk);
        }
        DissectorSession session = NtpProtocol.SPEC.dissector().get().open(FLOW);
        byte[] shortOne = Arrays.copyOf(whole, 20);
        session.onPayload(1, true, MemorySegment.ofArray(shortOne), 0, shortOne.length, false, e -> { });
        assertThat(session.anomalies()).isEqualTo(1);
    }

    @Test
    void theProbeTakesNtpAndRarelyRandomBytes() {
        assertThat(NtpProtocol.looksLikeNtp(MemorySegment.ofArray(request(0)), 0, 48, false, true)).isTrue();
        assertThat(NtpProtocol.looksLikeNtp(MemorySegment.ofArray(request(0)), 0, 48, true, true)).isFalse();
        assertThat(NtpProtocol.looksLikeNtp(MemorySegment.ofArray(request(0)), 0, 47, false, true)).isFalse();
        Random random = new Random(5);
        int taken = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] junk = new byte[48];
            random.nextBytes(junk);
            taken += NtpProtocol.looksLikeNtp(MemorySegment.ofArray(junk), 0, 48, false, true) ? 1 : 0;
        }
        assertThat(taken).isLessThan(100); // under 0.1 %
    }
}
