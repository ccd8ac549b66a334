package io.telltale.analysis.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.SensitiveDataRecord;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The signatures of domain.md §4, validated as they should be, across segments, inside gzip and Base64. */
class ContentScanTest {

    /** ICAO Doc 9303's specimen passport (TD3) and ID card (TD1). */
    static final String TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
    static final String TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n";

    static final FlowContext FLOW = new FlowContext(7, true, "10.20.30.21", 50000, "203.0.113.30", 80, false);

    static List<SensitiveDataRecord> scan(byte[]... segments) {
        List<SensitiveDataRecord> found = new ArrayList<>();
        ContentScan scan = new ContentScan(() -> FLOW);
        ContentScan.Scratch scratch = new ContentScan.Scratch();
        for (byte[] s : segments) {
            scan.onPayload(1, true, MemorySegment.ofArray(s), 0, s.length, scratch, e -> found.add((SensitiveDataRecord) e));
        }
        scan.end();
        return found;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static List<String> kinds(List<SensitiveDataRecord> found) {
        return found.stream().map(r -> r.kind() + "/" + r.encoding()).toList();
    }

    @Test
    void passportAndIdCardZonesAreFoundByTheirCheckDigitsAndNothingElseIs() {
        assertThat(kinds(scan(ascii("name=" + TD3)))).containsExactly("mrz/plain");
        assertThat(kinds(scan(ascii(TD1)))).containsExactly("mrz/plain");
        // the same shape with its check digits broken, and a run of the alphabet of the right length, are not zones
        assertThat(scan(ascii(TD3.replace("C36UTO7408122F1204159", "C37UTO7408121F1204158")))).isEmpty();
        assertThat(scan(ascii("X".repeat(44) + "\n" + "ABCDEFGHIJ0123456789ABCDEFGHIJ0123456789ABCD\n"))).isEmpty();
    }

    @Test
    void biometricRecordsImagesAndPassengerMessagesAreFound() {
        byte[] fmr = {'F', 'M', 'R', 0, ' ', '2', '0', 0, 0, 0, 0, 26};
        byte[] fir = {'F', 'I', 'R', 0, '0', '1', '0', 0, 0, 0};
        byte[] wsq = {(byte) 0xFF, (byte) 0xA0, (byte) 0xFF, (byte) 0xA8, 0, 6};
        byte[] dicm = new byte[140];
        System.arraycopy(ascii("DICM"), 0, dicm, 128, 4);
        dicm[132] = 2;
        byte[] edifact = ascii("UNB+UNOA:4+AIRLINE1:ZZ+USCSAPIS:ZZ'UNH+PAX001+PAXLST:D:02B:UN:IATA'");
        byte[] bsm = ascii("BSM\r\n.V/1LLHR\r\n.F/BA0117/02MAR/JFK/Y\r\n.N/0125123456001\r\n.P/1DOE/JANE\r\nENDBSM\r\n");
        assertThat(kinds(scan(fmr, fir, wsq, dicm, edifact, bsm))).containsExactly("fingerprint-template/plain",
                "fingerprint-image/plain", "wsq/plain", "dicom-file/plain", "edifact/plain", "baggage-message/plain");
        // a word starting FMR in a text, and FF A0 not followed by a WSQ marker, are not records
        assertThat(scan(ascii("FMR\0 is a word here; FMRx"), new byte[]{(byte) 0xFF, (byte) 0xA0, 0x41, 0x42})).isEmpty();
    }

    @Test
    void aZoneCutByASegmentBoundaryIsFoundOnceWithItsStreamOffset() {
        byte[] all = ascii("x".repeat(1000) + TD3);
        int cut = 1000 + 45 + 20; // inside line 2
        List<SensitiveDataRecord> found = scan(Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut, all.length),
                ascii(TD3));
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().offset()).isEqualTo(1000 + 45);
        assertThat(found.getFirst().matchSha256()).hasSize(16).doesNotContain("L898902C3");
    }

    @Test
    void dataInsideGzipAndMimeBase64GzipIsInflatedAcrossSegments() throws Exception {
        byte[] secret = ascii("x".repeat(5000) + TD3 + "y".repeat(5000));
        byte[] gz = gzip(secret);
        byte[] http = concat(ascii("POST /u HTTP/1.1\r\nContent-Encoding: gzip\r\n\r\n"), gz);
        assertThat(kinds(scan(split(http, 3)))).containsExactly("mrz/gzip");
        byte[] b64 = concat(ascii("POST /u HTTP/1.1\r\nContent-Type: text/plain\r\n\r\n"), Base64.getMimeEncoder().encode(gz),
                ascii("\r\n"));
        List<SensitiveDataRecord> found = scan(split(b64, 5));
        assertThat(kinds(found)).containsExactly("mrz/base64+gzip");
        assertThat(found.getFirst().offset()).isEqualTo(5000 + 45); // the offset in the inflated stream
    }

    @Test
    void onlyTheBudgetIsScannedAndAGzipBombStopsInflating() throws Exception {
        byte[] late = concat(new byte[ContentScan.BUDGET + 1000], ascii(TD3));
        assertThat(scan(split(late, 40))).isEmpty();
        byte[] bomb = gzip(new byte[64 << 20]); // 64 MiB of zeros: about 64 kB on the wire
        GzipDecoder decoder = new GzipDecoder(false);
        long[] inflated = {0};
        for (byte[] s : split(bomb, 8)) {
            decoder.feed(s, 0, s.length, (out, n) -> inflated[0] += n);
        }
        assertThat(decoder.done()).as("the inflater stopped at its bound").isTrue();
        assertThat(inflated[0]).isGreaterThan(GzipDecoder.MAX_OUTPUT).isLessThan(GzipDecoder.MAX_OUTPUT + 64 * 1024);
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[][] split(byte[] all, int pieces) {
        Random random = new Random(pieces);
        byte[][] out = new byte[pieces][];
        int at = 0;
        for (int i = 0; i < pieces; i++) {
            int end = i == pieces - 1 ? all.length : Math.min(all.length, at + 1 + random.nextInt(Math.max(1, 2 * all.length / pieces)));
            out[i] = Arrays.copyOfRange(all, at, end);
            at = end;
        }
        return out;
    }
}
