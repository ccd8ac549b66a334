package io.telltale.analysis.dissect.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.SshRecord;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dissector contract on SSH: any split gives the same record; cut or random input throws nothing. */
class SshSessionContractTest {

    static final FlowContext FLOW = new FlowContext(9, true, "10.0.0.1", 50000, "10.0.0.2", 22, false);

    static byte[] kexInit(String... lists) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(20);
        payload.writeBytes(new byte[16]);
        for (String list : lists) {
            byte[] b = list.getBytes(StandardCharsets.US_ASCII);
            payload.writeBytes(new byte[] {0, 0, (byte) (b.length >>> 8), (byte) b.length});
            payload.writeBytes(b);
        }
        payload.writeBytes(new byte[5]); // first_kex_packet_follows, reserved
        int padding = 4;
        int packetLength = payload.size() + padding + 1;
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.writeBytes(new byte[] {(byte) (packetLength >>> 24), (byte) (packetLength >>> 16), (byte) (packetLength >>> 8),
            (byte) packetLength, (byte) padding});
        packet.writeBytes(payload.toByteArray());
        packet.writeBytes(new byte[padding]);
        return packet.toByteArray();
    }

    static final String[] CLIENT_LISTS = {"curve25519-sha256,diffie-hellman-group14-sha256", "ssh-ed25519,rsa-sha2-512",
        "aes128-ctr,aes256-gcm@openssh.com", "aes128-ctr,aes256-gcm@openssh.com", "hmac-sha2-256", "hmac-sha2-256",
        "none,zlib@openssh.com", "none,zlib@openssh.com", "", ""};
    static final String[] SERVER_LISTS = {"diffie-hellman-group14-sha256,curve25519-sha256", "rsa-sha2-512",
        "aes256-gcm@openssh.com,aes128-ctr", "aes256-gcm@openssh.com,aes128-ctr", "hmac-sha2-512,hmac-sha2-256",
        "hmac-sha2-256", "none", "none", "", ""};

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static List<MonitorEvent> run(List<byte[]> client, List<byte[]> server) {
        List<MonitorEvent> out = new ArrayList<>();
        DissectorSession session = SshProtocol.SPEC.dissector().get().open(FLOW);
        for (byte[] b : server) {
            session.onPayload(1, false, MemorySegment.ofArray(b), 0, b.length, true, out::add);
        }
        for (byte[] b : client) {
            session.onPayload(2, true, MemorySegment.ofArray(b), 0, b.length, true, out::add);
        }
        session.onEnd(3, out::add);
        return out;
    }

    @Test
    void negotiationAndHasshFromBothKexInits() {
        byte[] client = concat("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII), kexInit(CLIENT_LISTS));
        byte[] server = concat("SSH-2.0-dropbear_2022.83\r\n".getBytes(StandardCharsets.US_ASCII), kexInit(SERVER_LISTS));
        List<MonitorEvent> whole = run(List.of(client), List.of(server));
        assertThat(whole).hasSize(1);
        SshRecord r = (SshRecord) whole.getFirst();
        assertThat(r.kexAlgorithm()).isEqualTo("curve25519-sha256");
        assertThat(r.cipherAlgorithm()).isEqualTo("aes128-ctr");
        assertThat(r.compressionAlgorithm()).isEqualTo("none");
        assertThat(r.hasshAlgorithms()).isEqualTo("curve25519-sha256,diffie-hellman-group14-sha256;aes128-ctr,aes256-gcm@openssh.com;"
                + "hmac-sha2-256;none,zlib@openssh.com");
        assertThat(r.hassh()).hasSize(32);
        assertThat(r.version()).isEqualTo(2);
        for (int split = 1; split < client.length; split++) {
            List<byte[]> pieces = List.of(java.util.Arrays.copyOfRange(client, 0, split),
                    java.util.Arrays.copyOfRange(client, split, client.length));
            assertThat(run(pieces, List.of(server))).as("client split at %d", split).isEqualTo(whole);
        }
    }

    @Test
    void cutAndRandomInputIsSurvived() {
        byte[] client = concat("SSH-2.0-x\r\n".getBytes(StandardCharsets.US_ASCII), kexInit(CLIENT_LISTS));
        for (int cut = 0; cut <= client.length; cut++) {
            run(List.of(java.util.Arrays.copyOf(client, cut)), List.of());
        }
        Random random = new Random(5);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(300)];
            random.nextBytes(junk);
            run(List.of(concat("SSH-2.0-y\n".getBytes(StandardCharsets.US_ASCII), junk)), List.of(junk));
        }
        byte[] lying = concat("SSH-2.0-z\n".getBytes(StandardCharsets.US_ASCII), new byte[] {0x7f, 0, 0, 0, 4, 20});
        DissectorSession session = SshProtocol.SPEC.dissector().get().open(FLOW);
        session.onPayload(1, true, MemorySegment.ofArray(lying), 0, lying.length, true, e -> { });
        assertThat(session.anomalies()).as("a packet length over 35000 is refused").isEqualTo(1);
    }
}
