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
        assertThat(r.bytesWritten()).isEqualTo(20_000);
        assertThat(r.bytesRead()).isEqualTo(20_000);
        assertThat(r.encrypted()).isFalse();
        assertThat(r.toString()).doesNotContain("Scan3r");
    }

    static final FlowContext FLOW = new FlowContext(14, true, "10.0.0.1", 50000, "10.0.0.2", 445, false);

    /** A Direct TCP frame with one SMB2 TREE_CONNECT request for {@code \\srv\scans}. */
    static byte[] treeConnect() {
        byte[] path = "\\\\srv\\scans".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] m = new byte[64 + 8 + path.length];
        m[0] = (byte) 0xfe;
        m[1] = 'S';
        m[2] = 'M';
        m[3] = 'B';
        m[4] = 64;
        m[12] = SmbSession.TREE_CONNECT;
        m[64] = 9;
        m[64 + 4] = 72; // path offset from the header
        m[64 + 6] = (byte) path.length;
        System.arraycopy(path, 0, m, 72, path.length);
        byte[] frame = new byte[4 + m.length];
        frame[3] = (byte) m.length;
        System.arraycopy(m, 0, frame, 4, m.length);
        return frame;
    }

    static List<MonitorEvent> run(byte[] bytes, int piece) {
        List<MonitorEvent> out = new ArrayList<>();
        DissectorSession s = SmbProtocol.SPEC.dissector().get().open(FLOW);
        for (int at = 0; at < bytes.length; at += piece) {
            s.onPayload(1, true, MemorySegment.ofArray(bytes), at, Math.min(piece, bytes.length - at), true, out::add);
        }
        s.onEnd(2, out::add);
        return out;
    }

    @Test
    void everySplitGivesTheSameRecordAndNoiseThrowsNothing() {
        byte[] twice = new byte[treeConnect().length * 2];
        System.arraycopy(treeConnect(), 0, twice, 0, treeConnect().length);
        System.arraycopy(treeConnect(), 0, twice, treeConnect().length, treeConnect().length);
        List<MonitorEvent> whole = run(twice, Integer.MAX_VALUE);
        assertThat(((SmbRecord) whole.getFirst()).trees()).containsExactly("\\\\srv\\scans");
        assertThat(((SmbRecord) whole.getFirst()).messages()).isEqualTo(2);
        for (int piece = 1; piece <= 40; piece++) {
            assertThat(run(twice, piece)).as("pieces of %d", piece).isEqualTo(whole);
        }
        for (int cut = 0; cut < twice.length; cut++) {
            run(java.util.Arrays.copyOf(twice, cut), 7);
        }
        Random random = new Random(6);
        for (int i = 0; i < 2000; i++) {
            byte[] noisy = twice.clone();
            noisy[random.nextInt(noisy.length)] = (byte) random.nextInt();
            noisy[random.nextInt(noisy.length)] = (byte) random.nextInt();
            run(noisy, 1 + random.nextInt(64));
        }
    }
}
