package io.telltale.analysis.dissect.smb;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.SmbRecord;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.testdata.Recordings;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SMB against our Samba recording (testdata recordings README), values cross-checked with tshark; then
 * the dissector contract on hand-built frames: any split, cuts and noise.
 */
class SmbRecordingTest {

    @Test
    void anImageUploadToAShareIsReadBack() {
        List<SmbRecord> records = AnalysedCapture.events(Recordings.path("smb-image-upload.pcap"), SmbRecord.class);
        assertThat(records).hasSize(1);
        SmbRecord r = records.getFirst();
        assertThat(r.dialect()).isEqualTo(0x0311);
        assertThat(r.domain()).isEqualTo("AIRPORT");
        assertThat(r.user()).isEqualTo("xray");
        assertThat(r.trees()).containsExactly("\\\\10.79.0.2\\IPC$", "\\\\10.79.0.2\\images");
        assertThat(r.files()).contains("lane1\\BAG-0042.dcs", "lane1");
        assertThat(r.shares()).extracting(SmbRecord.Share::shareType).containsExactly("PIPE", "DISK");
        SmbRecord.FileOpen image = r.opens().stream().filter(o -> o.name().equals("lane1\\BAG-0042.dcs")).findFirst()
                .orElseThrow();
        assertThat(image.share()).isEqualTo("\\\\10.79.0.2\\images");
        assertThat(image.createdNanos()).as("created in the capture's second").isBetween(1_795_902_700_000_000_000L,
                1_795_902_701_000_000_000L);
        assertThat(r.login().succeeded()).isTrue();
        assertThat(r.login().serverNetbiosName()).isEqualTo("IMAGESTORE");
        assertThat(r.login().workstation()).isEqualTo("VM");
        assertThat(r.bytesWritten()).isEqualTo(20_000);
        assertThat(r.bytesRead()).isEqualTo(20_000);
        assertThat(r.encrypted()).isFalse();
        assertThat(r.toString()).doesNotContain("Scan3r");
    }

    static final FlowContext FLOW = new FlowContext(14, true, "10.0.0.1", 50000, "10.0.0.2", 445, false);

    /** A Direct TCP frame around one SMB2 message. */
    static byte[] frame(byte[] m) {
        byte[] frame = new byte[4 + m.length];
        frame[2] = (byte) (m.length >> 8);
        frame[3] = (byte) m.length;
        System.arraycopy(m, 0, frame, 4, m.length);
        return frame;
    }

    static byte[] header(int command, int messageId, boolean response, int bodyLength) {
        byte[] m = new byte[64 + bodyLength];
        m[0] = (byte) 0xfe;
        m[1] = 'S';
        m[2] = 'M';
        m[3] = 'B';
        m[4] = 64;
        m[12] = (byte) command;
        m[16] = (byte) (response ? 1 : 0);
        m[24] = (byte) messageId;
        m[36] = 7; // TreeId
        return m;
    }

    /** A TREE_CONNECT request for {@code \\srv\scans}. */
    static byte[] treeConnect(int messageId) {
        byte[] path = "\\\\srv\\scans".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] m = header(SmbSession.TREE_CONNECT, messageId, false, 8 + path.length);
        m[64] = 9;
        m[64 + 4] = 72; // path offset from the header
        m[64 + 6] = (byte) path.length;
        System.arraycopy(path, 0, m, 72, path.length);
        return frame(m);
    }

    /** Its successful reply: a DISK share. */
    static byte[] treeConnected(int messageId) {
        byte[] m = header(SmbSession.TREE_CONNECT, messageId, true, 16);
        m[64] = 16;
        m[64 + 2] = 1;
        return frame(m);
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static List<MonitorEvent> run(byte[] client, byte[] server, int piece) {
        List<MonitorEvent> out = new ArrayList<>();
        DissectorSession s = SmbProtocol.SPEC.dissector().get().open(FLOW);
        for (int at = 0; at < client.length; at += piece) {
            s.onPayload(1, true, MemorySegment.ofArray(client), at, Math.min(piece, client.length - at), true, out::add);
        }
        for (int at = 0; at < server.length; at += piece) {
            s.onPayload(2, false, MemorySegment.ofArray(server), at, Math.min(piece, server.length - at), true, out::add);
        }
        s.onEnd(3, out::add);
        return out;
    }

    @Test
    void everySplitGivesTheSameRecordAndNoiseThrowsNothing() {
        byte[] client = concat(treeConnect(1), treeConnect(2));
        byte[] server = concat(treeConnected(1), treeConnected(2));
        List<MonitorEvent> whole = run(client, server, Integer.MAX_VALUE);
        SmbRecord record = (SmbRecord) whole.getFirst();
        assertThat(record.shares()).extracting(SmbRecord.Share::path, SmbRecord.Share::shareType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("\\\\srv\\scans", "DISK"),
                        org.assertj.core.groups.Tuple.tuple("\\\\srv\\scans", "DISK"));
        assertThat(record.messages()).isEqualTo(4);
        for (int piece = 1; piece <= 40; piece++) {
            assertThat(run(client, server, piece)).as("pieces of %d", piece).isEqualTo(whole);
        }
        for (int cut = 0; cut < client.length; cut++) {
            run(java.util.Arrays.copyOf(client, cut), java.util.Arrays.copyOf(server, cut), 7);
        }
        Random random = new Random(6);
        for (int i = 0; i < 2000; i++) {
            byte[] noisyClient = client.clone();
            byte[] noisyServer = server.clone();
            noisyClient[random.nextInt(noisyClient.length)] = (byte) random.nextInt();
            noisyServer[random.nextInt(noisyServer.length)] = (byte) random.nextInt();
            run(noisyClient, noisyServer, 1 + random.nextInt(64));
        }
    }
}
