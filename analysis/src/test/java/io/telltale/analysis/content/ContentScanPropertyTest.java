package io.telltale.analysis.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever the bytes and however the stream is cut, the scan neither fails nor finds differently. */
class ContentScanPropertyTest {

    static List<String> found(byte[] all, int[] cuts) {
        List<String> kinds = new ArrayList<>();
        ContentScan scan = new ContentScan(() -> ContentScanTest.FLOW);
        ContentScan.Scratch scratch = new ContentScan.Scratch();
        int at = 0;
        for (int cut : cuts) {
            int end = Math.min(all.length, Math.max(at, cut));
            scan.onPayload(0, true, MemorySegment.ofArray(all), at, end - at, scratch,
                    e -> kinds.add(((io.telltale.analysis.event.SensitiveDataRecord) e).kind() + "@"
                            + ((io.telltale.analysis.event.SensitiveDataRecord) e).offset() + "/"
                            + ((io.telltale.analysis.event.SensitiveDataRecord) e).encoding()));
            at = end;
        }
        scan.onPayload(0, true, MemorySegment.ofArray(all), at, all.length - at, scratch,
                e -> kinds.add(((io.telltale.analysis.event.SensitiveDataRecord) e).kind() + "@"
                        + ((io.telltale.analysis.event.SensitiveDataRecord) e).offset() + "/"
                        + ((io.telltale.analysis.event.SensitiveDataRecord) e).encoding()));
        scan.end();
        kinds.sort(null);
        return kinds;
    }

    static int[] cuts(long seed, int length, int pieces) {
        Random r = new Random(seed);
        int[] c = new int[pieces];
        for (int i = 0; i < pieces; i++) {
            c[i] = length == 0 ? 0 : r.nextInt(length + 1);
        }
        Arrays.sort(c);
        return c;
    }

    /** Random bytes with the signatures' first bytes planted in them: fragments of every magic. */
    static byte[] hostile(long seed, int length) {
        Random r = new Random(seed);
        byte[] b = new byte[length];
        r.nextBytes(b);
        byte[][] plants = {"FMR\0 20\0".getBytes(StandardCharsets.ISO_8859_1), {(byte) 0xFF, (byte) 0xA0, (byte) 0xFF, (byte) 0xA8},
            "DICM\2\0".getBytes(StandardCharsets.ISO_8859_1), "UNH+1+PAXLST:".getBytes(StandardCharsets.ISO_8859_1), "H4sI".getBytes(
                StandardCharsets.ISO_8859_1), {0x1f, (byte) 0x8b, 8, 0}, "BSM\n.V/".getBytes(StandardCharsets.ISO_8859_1),
            ContentScanTest.TD3.getBytes(StandardCharsets.ISO_8859_1)};
        for (int i = 0; i < length / 200; i++) {
            byte[] p = plants[r.nextInt(plants.length)];
            int at = r.nextInt(Math.max(1, length - p.length));
            int n = Math.min(p.length, 1 + r.nextInt(p.length)); // sometimes only a prefix
            System.arraycopy(p, 0, b, at, Math.min(n, length - at));
        }
        return b;
    }

    @Property(tries = 1000)
    void hostileBytesNeitherFailNorDependOnWhereTheStreamIsCut(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40_000) int length,
                                                              @ForAll @IntRange(min = 1, max = 40) int pieces) {
        byte[] all = hostile(seed, length);
        assertThat(found(all, cuts(seed, length, pieces))).isEqualTo(found(all, new int[0]));
    }

    @Property(tries = 1000)
    void aZoneInsideBase64GzipIsFoundWhereverTheCutsFall(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int pieces)
            throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(hostile(seed, 3_000));
            z.write(ContentScanTest.TD3.getBytes(StandardCharsets.US_ASCII));
        }
        byte[] all = ContentScanTest.concat("body=".getBytes(StandardCharsets.US_ASCII), Base64.getMimeEncoder().encode(gz.toByteArray()));
        List<String> kinds = found(all, cuts(seed, all.length, pieces));
        assertThat(kinds).anyMatch(k -> k.startsWith("mrz@") && k.endsWith("/base64+gzip"));
        assertThat(kinds).isEqualTo(found(all, new int[0]));
    }
}
