package io.telltale.dashboard.output;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Zeek's number formats, including the values a malformed field can carry. */
class ZeekTextTest {

    @Test
    void decimalsAreZeeksForOrdinaryValues() {
        assertThat(ZeekText.decimal(64.0)).isEqualTo("64.000000");
        assertThat(ZeekText.decimal(Math.pow(2, -20))).isEqualTo("0.000001");
        assertThat(ZeekText.decimal(-1.25)).isEqualTo("-1.250000");
        assertThat(ZeekText.decimal(0.9999996)).isEqualTo("1.000000");
    }

    @Test
    void hugeAndNonFiniteValuesStillPrintAsPlainNumbers() {
        assertThat(ZeekText.decimal(Math.pow(2, 127))).isEqualTo("170141183460469231731687303715884105728.000000");
        assertThat(ZeekText.decimal(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    }

    @Property
    void everyDoublePrintsAsDigitsWithSixDecimals(@ForAll double value) {
        String text = ZeekText.decimal(value);
        if (Double.isFinite(value)) {
            assertThat(text).matches("-?[0-9]+\\.[0-9]{6}");
            assertThat(Double.parseDouble(text)).isCloseTo(value, org.assertj.core.data.Offset.offset(
                    Math.max(1e-6, Math.abs(value) * 1e-15)));
        }
    }
}
