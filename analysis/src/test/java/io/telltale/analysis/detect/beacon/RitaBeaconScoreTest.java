package io.telltale.analysis.detect.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** RITA v5's sub-scores on series computed by hand (peers.md §c.1). */
class RitaBeaconScoreTest {

    @Test
    void aConstantIntervalScoresOneEverywhere() {
        long[] ts = LongStream.range(0, 288).map(i -> i * 300).toArray();
        long[] bytes = LongStream.range(0, 288).map(i -> 1_000).toArray();
        RitaBeaconScore.Score s = RitaBeaconScore.score(ts, bytes, 0, ts[ts.length - 1]);
        assertThat(s.timestamps()).isEqualTo(1.0);
        assertThat(s.dataSizes()).isEqualTo(1.0);
        assertThat(s.histogram()).isEqualTo(1.0);
        assertThat(s.duration()).isEqualTo(1.0);
        assertThat(s.beacon()).isEqualTo(1.0);
        assertThat(s.threat()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void jitteredGapsScoreByBowleySkewAndMedianAbsoluteDeviation() {
        // gaps 10, 20, 30, 40, 100: Q1 15, Q2 30, Q3 70 -> skew 25/55, skew score 0.5455;
        // deviations 20, 10, 0, 10, 70 -> MAD 10, MAD score 20/30; (0.5455 + 0.6667) / 2 = 0.606
        long[] ts = {0, 10, 30, 60, 100, 200};
        assertThat(RitaBeaconScore.score(ts, new long[] {1, 1, 1, 1, 1, 1}, 0, 200).timestamps()).isEqualTo(0.606);
    }

    @Test
    void aSparseBurstHasNoHistogramOrDurationScore() {
        long[] ts = {0, 100, 200, 300};
        RitaBeaconScore.Score s = RitaBeaconScore.score(ts, new long[] {500, 500, 500, 500}, 0, 86_400);
        assertThat(s.timestamps()).isEqualTo(1.0);
        assertThat(s.dataSizes()).isEqualTo(1.0);
        assertThat(s.histogram()).isZero(); // one busy hour of 24: CV far above 1, too few hours for two modes
        assertThat(s.duration()).isZero(); // fewer than 6 busy hours
        assertThat(s.beacon()).isEqualTo(0.5);
        assertThat(s.threat()).isCloseTo(0.2, within(1e-9));
        assertThat(RitaBeaconScore.score(new long[] {0, 0, 100, 100}, new long[4], 0, 86_400)).as("fewer than 4 distinct times")
                .isNull();
    }

    @Test
    void twoModesScoreAsBimodal() {
        int[] bins = new int[24];
        for (int i = 0; i < 24; i++) {
            bins[i] = i % 2 == 0 ? 5 : 10;
        }
        // bucket size ceil(10 * 0.05) = 1: 12 bars at 5, 12 at 10 -> (12 + 12) / (24 - 1), capped at 1
        assertThat(RitaBeaconScore.bimodal(bins)).isEqualTo(1.0);
        // mean 7.5, population deviation 2.5 -> CV 1/3 -> 0.667
        assertThat(RitaBeaconScore.cvScore(bins)).isEqualTo(0.667);
    }
}
