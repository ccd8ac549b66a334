package io.telltale.analysis.dissect.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.DhcpRecord;
import io.telltale.analysis.event.MonitorEvent;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dissector contract on DHCP: a DISCOVER built from RFC 2131/2132 reads back; an option that runs
 * past the datagram keeps what came before and is counted; cut and random datagrams throw nothing.
 */
class DhcpSessionContractTest {

    static final FlowContext FLOW = new FlowContext(6, false, "0.0.0.0", 68, "255.255.255.255", 67, false);

    static byte[] discover() {
        ByteBuffer b = ByteBuffer.allocate(300);
        b.put((byte) 1).put((byte) 1).put((byte) 6).put((byte) 0).putInt(0x1234abcd);
        b.position(28);
        b.put(new byte[] {0x00, 0x1b, 0x21, (byte) 0xaa, (byte) 0xbb, (byte) 0xcc});
        b.position(236);
        b.putInt(DhcpProtocol.MAGIC_COOKIE);
        b.put(new byte[] {53, 1, 1});
        b.put(new byte[] {12, 8}).put("xray-07\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put(new byte[] {60, 8}).put("VNDR 2.1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put(new byte[] {55, 4, 1, 3, 6, 42});
        b.put(new byte[] {50, 4, 10, 0, 0, 9});
        b.put((byte) 255);
        return Arrays.copyOf(b.array(), b.position());
    }

    static List<MonitorEvent> run(byte[] datagram, DissectorSession session) {
        List<MonitorEvent> out = new ArrayList<>();
        session.onPayload(1, true, MemorySegment.ofArray(datagram), 0, datagram.length, false, out::add);
        return out;
    }

    @Test
    void aDiscoverReadsBack() {
        DhcpRecord r = (DhcpRecord) run(discover(), DhcpProtocol.SPEC.dissector().get().open(FLOW)).getFirst();
        assertThat(r.transactionId()).isEqualTo(0x1234abcdL);
        assertThat(r.messageTypeName()).isEqualTo("DISCOVER");
        assertThat(r.hardwareAddress()).isEqualTo("00:1b:21:aa:bb:cc");
        assertThat(r.hostName()).isEqualTo("xray-07\0"); // as sent; the log writers escape it
        assertThat(r.vendorClass()).isEqualTo("VNDR 2.1");
        assertThat(r.parameterRequestList()).containsExactly(1, 3, 6, 42);
        assertThat(r.requestedAddress()).isEqualTo("10.0.0.9");
        assertThat(r.leaseSeconds()).isEqualTo(-1);
    }

    @Test
    void anOptionRunningPastTheEndKeepsWhatCameBefore() {
        byte[] cut = discover();
        cut = Arrays.copyOf(cut, cut.length - 4); // inside option 50
        DissectorSession session = DhcpProtocol.SPEC.dissector().get().open(FLOW);
        DhcpRecord r = (DhcpRecord) run(cut, session).getFirst();
        assertThat(r.vendorClass()).isEqualTo("VNDR 2.1");
        assertThat(r.requestedAddress()).isNull();
        assertThat(session.anomalies()).isEqualTo(1);
    }

    @Test
    void cutAndRandomDatagramsThrowNothing() {
        byte[] whole = discover();
        DissectorSession session = DhcpProtocol.SPEC.dissector().get().open(FLOW);
        for (int cut = 0; cut <= whole.length; cut++) {
            run(Arrays.copyOf(whole, cut), session);
        }
        Random random = new Random(3);
        for (int i = 0; i < 3000; i++) {
            byte[] noisy = whole.clone();
            for (int flips = 0; flips < 6; flips++) {
                noisy[240 + random.nextInt(noisy.length - 240)] = (byte) random.nextInt();
            }
            run(noisy, session);
            byte[] junk = new byte[random.nextInt(400)];
            random.nextBytes(junk);
            run(junk, session);
        }
        assertThat(session.anomalies()).isPositive();
    }
}
