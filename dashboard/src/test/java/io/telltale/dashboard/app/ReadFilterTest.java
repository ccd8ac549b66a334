package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.capture.flow.FlowRecord;
import io.telltale.testdata.FlowRecords;
import io.telltale.testdata.ReferenceCorpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code read --filter}: tcpdump's filter language, libpcap's compiler, the frames it accepts and no others. */
class ReadFilterTest {

    @Test
    void onlyTheFramesTheFilterAcceptsAreRead(@TempDir Path dir) {
        Path pcap = ReferenceCorpus.load().capture("zeek__wikipedia.pcap").path();
        List<FlowRecord> all = FlowRecords.of(pcap);
        long udp = all.stream().filter(f -> f.transport().equals("udp")).mapToLong(f -> f.originatorPackets() + f.responderPackets())
                .sum();
        for (String workers : List.of("1", "2")) {
            ReadCommandTest.Run run = ReadCommandTest.run("read", pcap.toString(), "--out", dir.resolve(workers).toString(),
                    "--filter", "udp", "--workers", workers);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("read 1 file: " + udp + " packets")
                    .contains("filtered    " + (136 - udp) + " frames the filter did not accept");
        }
    }

    @Test
    void aFilterThatDoesNotCompileIsAUsageErrorNamingIt(@TempDir Path dir) {
        Path pcap = ReferenceCorpus.load().capture("zeek__wikipedia.pcap").path();
        ReadCommandTest.Run run = ReadCommandTest.run("read", pcap.toString(), "--out", dir.toString(), "--filter", "tcp port banana");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("tcp port banana").contains("unknown port 'banana'");
    }
}
