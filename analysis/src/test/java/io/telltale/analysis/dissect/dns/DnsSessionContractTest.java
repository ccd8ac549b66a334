package io.telltale.analysis.dissect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.MonitorEvent;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dissector contract on DNS: a TCP stream split at every byte boundary gives the same records as
 * the whole stream; messages cut at every length and random bytes throw nothing and are counted;
 * compression pointers that would loop are refused.
 */
class DnsSessionContractTest {

    static final FlowContext TCP = new FlowContext(7, true, "10.0.0.1", 40000, "10.0.0.53", 53, false);
    static final FlowContext UDP = new FlowContext(8, false, "10.0.0.1", 40000, "10.0.0.53", 53, false);

    /** A query for www.example.org A, and its answer: a CNAME (compressed) and an address. */
    static final byte[] QUERY = hex("1234 0100 0001 0000 0000 0000 03777777076578616d706c65036f7267 00 0001 0001");
    static final byte[] RESPONSE = hex("1234 8180 0001 0002 0000 0000 03777777076578616d706c65036f7267 00 0001 0001"
            + " c00c 0005 0001 0000003c 0006 0363646ec010"         // www.example.org CNAME cdn.example.org
            + " c02d 0001 0001 0000012c 0004 c0000207");          // cdn.example.org A 192.0.2.7

    static byte[] hex(String text) {
        String digits = text.replaceAll("\\s", "");
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static byte[] framed(byte[] message) {
        byte[] out = new byte[message.length + 2];
        out[0] = (byte) (message.length >>> 8);
        out[1] = (byte) message.length;
        System.arraycopy(message, 0, out, 2, message.length);
        return out;
    }

    static List<MonitorEvent> run(FlowContext flow, List<byte[]> fromClient, List<byte[]> fromServer, boolean stream) {
        List<MonitorEvent> out = new ArrayList<>();
        DissectorSession session = DnsProtocol.SPEC.dissector().get().open(flow);
        for (byte[] chunk : fromClient) {
            session.onPayload(1_000_000_000L, true, MemorySegment.ofArray(chunk), 0, chunk.length, stream, out::add);
        }
        for (byte[] chunk : fromServer) {
            session.onPayload(1_000_500_000L, false, MemorySegment.ofArray(chunk), 0, chunk.length, stream, out::add);
        }
        session.onEnd(2_000_000_000L, out::add);
        return out;
    }

    @Test
    void wholeMessagesGiveOneAnsweredTransaction() {
        List<MonitorEvent> records = run(UDP, List.of(QUERY), List.of(RESPONSE), false);
        assertThat(records).hasSize(1);
        DnsRecord r = (DnsRecord) records.getFirst();
        assertThat(r.query()).isEqualTo("www.example.org");
        assertThat(r.answers()).containsExactly("cdn.example.org", "192.0.2.7");
        assertThat(r.ttlSeconds()).containsExactly(60L, 300L);
        assertThat(r.rttNanos()).isEqualTo(500_000L);
        assertThat(r.rcode()).isZero();
        assertThat(r.recursionAvailable()).isTrue();
    }

    @Test
    void tcpStreamSplitAnywhereGivesTheSameRecords() {
        byte[] client = framed(QUERY);
        byte[] server = concat(framed(RESPONSE), framed(RESPONSE));
        List<MonitorEvent> whole = run(TCP, List.of(client), List.of(server), true);
        assertThat(whole).hasSize(2); // the second response has no query left: it stands alone
        for (int split = 1; split < server.length; split++) {
            List<byte[]> pieces = List.of(java.util.Arrays.copyOfRange(server, 0, split),
                    java.util.Arrays.copyOfRange(server, split, server.length));
            assertThat(run(TCP, List.of(client), pieces, true)).as("split at %d", split).isEqualTo(whole);
        }
        List<byte[]> bytes = new ArrayList<>();
        for (byte b : client) {
            bytes.add(new byte[] {b});
        }
        List<byte[]> serverBytes = new ArrayList<>();
        for (byte b : server) {
            serverBytes.add(new byte[] {b});
        }
        assertThat(run(TCP, bytes, serverBytes, true)).as("one byte at a time").isEqualTo(whole);
    }

    @Test
    void cutMessagesAndRandomBytesAreCountedNotThrown() {
        for (int cut = 0; cut < RESPONSE.length; cut++) {
            DissectorSession session = DnsProtocol.SPEC.dissector().get().open(UDP);
            List<MonitorEvent> out = new ArrayList<>();
            session.onPayload(1, false, MemorySegment.ofArray(RESPONSE), 0, cut, false, out::add);
            session.onEnd(2, out::add);
            if (cut > 12) {
                assertThat(session.anomalies()).as("cut at %d", cut).isPositive();
            }
        }
        Random random = new Random(3);
        DissectorSession session = DnsProtocol.SPEC.dissector().get().open(TCP);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            session.onPayload(i, random.nextBoolean(), MemorySegment.ofArray(junk), 0, junk.length, random.nextBoolean(),
                    event -> { });
        }
        session.onEnd(1, event -> { });
        assertThat(session.anomalies()).isPositive();
    }

    @Test
    void compressionLoopsAreRefused() {
        // The question name is a pointer to itself, then a pair of pointers to each other.
        byte[] selfLoop = hex("0001 0100 0001 0000 0000 0000 c00c 0001 0001");
        byte[] pairLoop = hex("0001 0100 0001 0000 0000 0000 c00e c00c 0001 0001");
        for (byte[] message : List.of(selfLoop, pairLoop)) {
            DissectorSession session = DnsProtocol.SPEC.dissector().get().open(UDP);
            session.onPayload(1, true, MemorySegment.ofArray(message), 0, message.length, false, event -> { });
            assertThat(session.anomalies()).isEqualTo(1);
        }
        assertThat(DnsProtocol.looksLikeDns(MemorySegment.ofArray(QUERY), 0, QUERY.length, false, true)).isTrue();
        assertThat(DnsProtocol.looksLikeDns(MemorySegment.ofArray(framed(QUERY)), 0, QUERY.length + 2, true, true)).isTrue();
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes();
        assertThat(DnsProtocol.looksLikeDns(MemorySegment.ofArray(http), 0, http.length, false, true)).isFalse();
        // A DHCP DISCOVER: op 1, htype 1, hlen 6, a transaction id, then zero-filled addresses.
        byte[] dhcp = new byte[240];
        dhcp[0] = 1;
        dhcp[1] = 1;
        dhcp[2] = 6;
        dhcp[4] = 0x3d;
        dhcp[5] = 0x1d;
        assertThat(DnsProtocol.looksLikeDns(MemorySegment.ofArray(dhcp), 0, dhcp.length, false, true)).isFalse();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
