package io.telltale.testdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.testdata.Recordings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real-tool recordings (recordings README) against their truth file, measured from each capture. */
class RecordingsTruthTest {

    static final Map<String, String> CAPTURES = Map.of(
            "A10-real", "socat-reverse-shell.pcap",
            "A1-real", "curl-tls-beacon.pcap",
            "A15-real", "ssh-reverse-tunnel.pcap",
            "A4a-real", "ptunnel-icmp-tunnel.pcap",
            "A2a-real", "iodine-dns-tunnel.pcap",
            "A2c-real", "dns2tcp-dns-tunnel.pcap",
            "A9c-real", "openvpn-udp.pcap");

    static Path truthFile() {
        return Recordings.path("tools.truth.json");
    }

    @Test
    void everyRecordingHoldsWhatItsTruthSays() throws IOException {
        List<Truth> truths = TruthFiles.read(truthFile());
        assertThat(truths).extracting(Truth::scenario).containsExactlyInAnyOrderElementsOf(CAPTURES.keySet());
        for (Truth truth : truths) {
            TruthMeasurement.check(truth.scenario(), Recordings.path(CAPTURES.get(truth.scenario())), List.of(truth));
        }
    }
}
