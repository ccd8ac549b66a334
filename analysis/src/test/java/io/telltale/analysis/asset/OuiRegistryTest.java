package io.telltale.analysis.asset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry reads all three formats and the bundled copy knows the screening vendors. */
class OuiRegistryTest {

    @Test
    void theBundledCopyKnowsScreeningAndIndustrialPcMakers() {
        OuiRegistry bundled = OuiRegistry.bundled();
        assertThat(bundled.size()).isGreaterThan(30_000);
        assertThat(bundled.vendor("00:1A:AA:12:34:56")).isEqualTo("Analogic Corp.");
        assertThat(bundled.vendor("00:0b:ab:5c:12:02")).isEqualTo("Advantech Technology (CHINA) Co., Ltd.");
        assertThat(bundled.vendor(null)).isNull();
        assertThat(bundled.vendor("00:1a")).isNull();
    }

    @Test
    void wiresharkAndIeeeLinesAreBothRead() {
        var v = OuiRegistry.parse(List.of("# comment", "00:1A:AA\tAnalogic\tAnalogic Corp.",
                "00-10-13   (hex)\t\tKontron America, Inc.", "00:55:DA:00/28\tShort\tA longer prefix is skipped"));
        assertThat(v).containsEntry("00:1a:aa", "Analogic Corp.").containsEntry("00:10:13", "Kontron America, Inc.").hasSize(2);
    }
}
