package io.telltale.analysis.detect.ntp;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.event.NtpRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Low bits that are text, not chance; and an honest client's random low bits left alone. */
class NtpCovertDetectorTest {

    static NtpRecord request(long i, int lowBits) {
        return new NtpRecord(i, i * 64_000_000_000L, "10.20.30.21", 123, "198.51.100.7", 123, true, 4, 3, 0, 64, 1.0 / 1024,
                0, 0, null, 0, 0, 0, 1.77e9 + i * 64, 0, 48, null, lowBits);
    }

    static List<Finding> run(int[] lowBits) {
        NtpCovertDetector detector = new NtpCovertDetector();
        List<Finding> found = new ArrayList<>();
        for (int i = 0; i < lowBits.length; i++) {
            detector.onRecord(request(i, lowBits[i]), found::add);
        }
        return found;
    }

    @Test
    void textInTheTransmitTimestampsLowBitsIsACovertChannel() {
        byte[] secret = "UNH+PAX001+PAXLST:D:02B:UN:IATA'BGM+745'".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int[] bits = new int[20];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (secret[2 * i % secret.length] & 0xff) << 8 | (secret[(2 * i + 1) % secret.length] & 0xff);
        }
        List<Finding> found = run(bits);
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().why()).contains("16 times in 16");
    }

    @Test
    void randomLowBitsOfAnHonestClientAreNot() {
        Random random = new Random(3);
        int[] bits = new int[500];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = random.nextInt(65536);
        }
        assertThat(run(bits)).isEmpty();
    }
}
