package io.telltale.analysis.dissect.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.MonitorEvent;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dissector contract on DICOM, with an association built byte by byte from PS3.8: every split of
 * either stream gives the same record; every truncation and random input throws nothing; the probe
 * takes the request and nothing else.
 */
class DicomSessionContractTest {

    static final FlowContext FLOW = new FlowContext(3, true, "10.0.0.1", 50000, "10.0.0.2", 104, false);

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] item(int type, byte[]... parts) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(value::writeBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(0);
        out.write(value.size() >>> 8);
        out.write(value.size());
        out.writeBytes(value.toByteArray());
        return out.toByteArray();
    }

    static byte[] pdu(int type, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(body::writeBytes);
        int n = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) type, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] ae(String title) {
        return ascii(String.format("%-16s", title));
    }

    static byte[] pdv(int control, byte[] value) {
        int n = value.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n, 1, (byte) control});
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** An implicit VR little endian element of group 0000. */
    static byte[] element(int number, byte[] value) {
        return concat(new byte[] {0, 0, (byte) number, (byte) (number >>> 8), (byte) value.length, 0, 0, 0}, value);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    static final String DX = "1.2.840.10008.5.1.4.1.1.501.2.1";

    static final byte[] REQUESTER = concat(
            pdu(1, new byte[] {0, 1, 0, 0}, ae("CIP_SRV"), ae("XR_LANE1"), new byte[32],
                    item(0x10, ascii("1.2.840.10008.3.1.1.1")),
                    item(0x20, new byte[] {1, 0, 0, 0}, item(0x30, ascii(DX + "\0")), item(0x40, ascii("1.2.840.10008.1.2.1\0"))),
                    item(0x50, item(0x51, new byte[] {0, 0, 0x40, 0}), item(0x52, ascii("1.2.3.4")),
                            item(0x58, new byte[] {2, 0, 0, 5}, ascii("alice"), new byte[] {0, 6}, ascii("hunter")))),
            // The command in two fragments, then the data set in two.
            pdu(4, pdv(0x01, concat(element(0x0002, ascii(DX + "\0")), element(0x0100, new byte[] {1, 0})))),
            pdu(4, pdv(0x03, element(0x0800, new byte[] {0, 0}))),
            pdu(4, pdv(0x00, new byte[3000])),
            pdu(4, pdv(0x02, new byte[1000])),
            pdu(5, new byte[4]));

    static final byte[] ACCEPTOR = concat(
            pdu(2, new byte[] {0, 1, 0, 0}, ae("CIP_SRV"), ae("XR_LANE1"), new byte[32],
                    item(0x10, ascii("1.2.840.10008.3.1.1.1")),
                    item(0x21, new byte[] {1, 0, 0, 0}, item(0x40, ascii("1.2.840.10008.1.2.1\0"))),
                    item(0x50, item(0x52, ascii("9.8.7")), item(0x55, ascii("VENDOR_1.0")))),
            pdu(4, pdv(0x03, concat(element(0x0002, ascii(DX + "\0")), element(0x0100, new byte[] {1, (byte) 0x80})))),
            pdu(6, new byte[4]));

    static List<DicomRecord> run(byte[] requester, byte[] acceptor, int piece) {
        List<MonitorEvent> out = new ArrayList<>();
        DissectorSession session = DicomProtocol.SPEC.dissector().get().open(FLOW);
        // As the conversation goes: request, acceptance, the requester's data, the acceptor's answer.
        int request = firstPduLength(requester);
        int acceptance = firstPduLength(acceptor);
        feed(session, true, Arrays.copyOfRange(requester, 0, request), piece, out);
        feed(session, false, Arrays.copyOfRange(acceptor, 0, acceptance), piece, out);
        feed(session, true, Arrays.copyOfRange(requester, request, requester.length), piece, out);
        feed(session, false, Arrays.copyOfRange(acceptor, acceptance, acceptor.length), piece, out);
        session.onEnd(9, out::add);
        return out.stream().map(DicomRecord.class::cast).toList();
    }

    /** Length of the first PDU with its header, or all of the bytes when they are too few to say. */
    static int firstPduLength(byte[] b) {
        if (b.length < 6) {
            return b.length;
        }
        long n = 6L + ((b[2] & 0xffL) << 24 | (b[3] & 0xff) << 16 | (b[4] & 0xff) << 8 | (b[5] & 0xff));
        return (int) Math.min(n, b.length);
    }

    static void feed(DissectorSession session, boolean fromOriginator, byte[] bytes, int piece, List<MonitorEvent> out) {
        for (int at = 0; at < bytes.length; at += piece) {
            session.onPayload(1, fromOriginator, MemorySegment.ofArray(bytes), at, Math.min(piece, bytes.length - at), true,
                    out::add);
        }
    }

    @Test
    void theBuiltAssociationReadsBack() {
        List<DicomRecord> records = run(REQUESTER, ACCEPTOR, Integer.MAX_VALUE);
        assertThat(records).hasSize(1);
        DicomRecord r = records.getFirst();
        assertThat(r.callingAe()).isEqualTo("XR_LANE1");
        assertThat(r.calledAe()).isEqualTo("CIP_SRV");
        assertThat(r.abstractSyntaxes()).containsExactly(DX);
        assertThat(r.dicos()).isTrue();
        assertThat(r.maxPduLength()).isEqualTo(16384);
        assertThat(r.userName()).isEqualTo("alice");
        assertThat(r.passcodeInCleartext()).isTrue();
        assertThat(r.toString()).doesNotContain("hunter");
        assertThat(r.responderImplementationVersion()).isEqualTo("VENDOR_1.0");
        assertThat(r.acceptedContexts()).isEqualTo(1);
        assertThat(r.commands()).containsExactly("C-STORE-RQ", "C-STORE-RSP");
        assertThat(r.stores()).isEqualTo(1);
        // P-DATA bodies: each PDV's 6-byte header and its value (two command fragments of 50 and 10 bytes,
        // two data fragments of 3000 and 1000).
        assertThat(r.originatorDataBytes()).isEqualTo((6 + 50) + (6 + 10) + (6 + 3000) + (6 + 1000));
        assertThat(r.end()).isEqualTo("released");
    }

    @Test
    void everySplitOfTheStreamsGivesTheSameRecord() {
        List<DicomRecord> whole = run(REQUESTER, ACCEPTOR, Integer.MAX_VALUE);
        for (int piece = 1; piece <= 64; piece++) {
            assertThat(run(REQUESTER, ACCEPTOR, piece)).as("pieces of %d bytes", piece).isEqualTo(whole);
        }
    }

    @Test
    void everyTruncationAndRandomInputThrowsNothing() {
        for (int cut = 0; cut <= REQUESTER.length; cut++) {
            run(Arrays.copyOf(REQUESTER, cut), ACCEPTOR, 7);
        }
        for (int cut = 0; cut <= ACCEPTOR.length; cut++) {
            run(REQUESTER, Arrays.copyOf(ACCEPTOR, cut), 5);
        }
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] noise = REQUESTER.clone();
            for (int flips = 0; flips < 4; flips++) {
                noise[random.nextInt(noise.length)] = (byte) random.nextInt();
            }
            run(noise, ACCEPTOR, 1 + random.nextInt(100));
        }
        DissectorSession session = DicomProtocol.SPEC.dissector().get().open(FLOW);
        byte[] junk = new byte[1000];
        random.nextBytes(junk);
        junk[0] = 9; // no such PDU type
        session.onPayload(1, true, MemorySegment.ofArray(junk), 0, junk.length, true, e -> { });
        assertThat(session.anomalies()).isPositive();
    }

    @Test
    void theProbeTakesTheRequestOnly() {
        MemorySegment request = MemorySegment.ofArray(REQUESTER);
        assertThat(DicomProtocol.looksLikeAssociateRequest(request, 0, REQUESTER.length, true, true)).isTrue();
        assertThat(DicomProtocol.looksLikeAssociateRequest(request, 0, REQUESTER.length, true, false)).isFalse();
        assertThat(DicomProtocol.looksLikeAssociateRequest(MemorySegment.ofArray(ACCEPTOR), 0, ACCEPTOR.length, true, true))
                .isFalse();
        byte[] blankTitle = REQUESTER.clone();
        System.arraycopy(ae(""), 0, blankTitle, 10, 16);
        assertThat(DicomProtocol.looksLikeAssociateRequest(MemorySegment.ofArray(blankTitle), 0, blankTitle.length, true,
                true)).isFalse();
        byte[] http = ascii("GET / HTTP/1.1\r\nHost: x\r\n" + "x".repeat(80));
        assertThat(DicomProtocol.looksLikeAssociateRequest(MemorySegment.ofArray(http), 0, http.length, true, true)).isFalse();
    }
}
