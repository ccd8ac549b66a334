package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.testdata.ReferenceCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code read --workers N}: the same records as one worker, in every log, on real and generated
 * captures (their order in a log may differ: workers finish flows in their own time).
 */
class WorkersTest {

    static List<String> sortedRows(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> !l.startsWith("#")).sorted().toList();
    }

    @Test
    void anyNumberOfWorkersWritesTheSameRecords(@TempDir Path dir) throws IOException {
        List<Path> captures = List.of(Path.of("../examples/screening-day.pcap"),
                ReferenceCorpus.load().capture("ndpi__1kxun.pcap").path(),
                ReferenceCorpus.load().capture("zeek__tunnels_gre-sample.pcap").path(),
                ReferenceCorpus.load().capture("zeek__ipv4_fragmented-1.pcap").path());
        for (Path pcap : captures) {
            String name = pcap.getFileName().toString();
            ReadCommandTest.Run one = ReadCommandTest.run("read", pcap.toString(), "--out", dir.resolve(name + "-1").toString());
            ReadCommandTest.Run three = ReadCommandTest.run("read", pcap.toString(), "--out", dir.resolve(name + "-3").toString(),
                    "--workers", "3");
            assertThat(three.exitCode()).isEqualTo(one.exitCode());
            try (var logs = Files.list(dir.resolve(name + "-1"))) {
                for (Path log : logs.toList()) {
                    assertThat(sortedRows(dir.resolve(name + "-3").resolve(log.getFileName())))
                            .as(name + " " + log.getFileName()).isEqualTo(sortedRows(log));
                }
            }
            assertThat(three.out().replaceAll("elapsed .*", "").replaceAll("-3/", "/"))
                    .isEqualTo(one.out().replaceAll("elapsed .*", "").replaceAll("-1/", "/"));
        }
    }

    @Test
    void interfacesAndVersionComeFromLibpcap() {
        ReadCommandTest.Run list = ReadCommandTest.run("interfaces");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).containsPattern("(?m)^lo +UP,RUNNING,LOOPBACK +127\\.0\\.0\\.1/8");
        assertThat(ReadCommandTest.run("--version").out()).contains("libpcap version");
    }
}
