package io.telltale.capture.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Payload statistics of one direction: sizes, gaps and head entropy against values worked by hand. */
class DirectionStatsTest {

    static DirectionStats fresh() {
        DirectionStats s = new DirectionStats();
        s.reset();
        return s;
    }

    @Test
    void sizesAndGapsOfABeacon() {
        DirectionStats s = fresh();
        byte[] payload = new byte[300];
        // Four packets of 100, 200, 100, 200 bytes, 60 s apart: a timer, not a person.
        long t = 1_000_000_000_000L;
        int[] sizes = {100, 200, 100, 200};
        for (int i = 0; i < sizes.length; i++) {
            s.onPacket(t + i * 60_000_000_000L, sizes[i], MemorySegment.ofArray(payload), 0, sizes[i]);
        }
        PayloadStats p = s.snapshot();
        assertThat(p.packets()).isEqualTo(4);
        assertThat(p.minSize()).isEqualTo(100);
        assertThat(p.maxSize()).isEqualTo(200);
        assertThat(p.meanSize()).isEqualTo(150.0);
        assertThat(p.sizeDeviation()).isCloseTo(50.0, within(1e-9));
        assertThat(p.meanGapSeconds()).isCloseTo(60.0, within(1e-9));
        assertThat(p.gapDeviationSeconds()).isCloseTo(0.0, within(1e-6));
        assertThat(p.headBytes()).isEqualTo(DirectionStats.HEAD);
        assertThat(p.headEntropy()).isZero(); // 64 zero bytes
    }

    @Test
    void entropyTellsTextFromCiphertext() {
        byte[] text = "GET /firmware/update.bin HTTP/1.1\r\nHost: vendor.example\r\nAccept: */*\r\n".getBytes();
        byte[] random = new byte[64];
        new Random(4).nextBytes(random);
        DirectionStats plain = fresh();
        plain.onPacket(1, text.length, MemorySegment.ofArray(text), 0, text.length);
        DirectionStats cipher = fresh();
        // The head fills across packets: 20 bytes, then 44.
        cipher.onPacket(1, 20, MemorySegment.ofArray(random), 0, 20);
        cipher.onPacket(2, 44, MemorySegment.ofArray(random), 20, 44);
        assertThat(plain.snapshot().headEntropy()).isBetween(3.5, 5.0);
        assertThat(cipher.snapshot().headEntropy()).isGreaterThan(5.3); // log2(64) = 6 is the most 64 bytes can show
        assertThat(cipher.snapshot().headBytes()).isEqualTo(64);
        assertThat(DirectionStats.entropy(new byte[] {1, 2, 3, 4}, 4)).isEqualTo(2.0);
    }

    @Test
    void oneSilentDirectionHasNothingToMeasure() {
        DirectionStats s = fresh();
        assertThat(s.snapshot()).isEqualTo(PayloadStats.NONE);
        s.onPacket(5, 0, MemorySegment.ofArray(new byte[0]), 0, 0);
        PayloadStats p = s.snapshot();
        assertThat(p.packets()).isEqualTo(1);
        assertThat(p.meanGapSeconds()).isNaN();
        assertThat(p.headEntropy()).isNaN();
    }
}
