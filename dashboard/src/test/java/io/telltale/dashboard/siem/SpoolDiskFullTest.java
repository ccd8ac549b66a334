package io.telltale.dashboard.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telltale.testdata.live.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk under the SIEM spool fills up (a 1 MiB tmpfs mounted for the test) while the receiver is
 * away: alerts that no longer fit are held in memory, in order, and said; when space returns (the
 * tmpfs grown) they go to the spool, and when the receiver (a real rsyslog) comes back every alert
 * arrives, none lost, in the order they were raised.
 */
class SpoolDiskFullTest {

    @TempDir
    Path dir;

    @Test
    void alertsTheFullSpoolCannotTakeAreHeldInMemoryAndNoneIsLost() throws Exception {
        Path spool = dir.resolve("spool");
        Files.createDirectories(spool);
        assumeTrue(Tmpfs.mount(spool, "1m"), "mounting a tmpfs needs root");
        try (Rsyslog rsyslog = new Rsyslog(dir.resolve("rsyslog"), new TestPki(dir.resolve("pki")))) {
            SyslogDestination d = SyslogDestination.of("full", SyslogDestination.Transport.TCP, "127.0.0.1", rsyslog.port,
                    AlertEncoder.Payload.SYSLOG);
            List<String> log = new CopyOnWriteArrayList<>();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            int total;
            try (SiemSink sink = new SiemSink(List.of(d), SyslogDeliveryTest.SENSOR, spool, Duration.ofSeconds(60), registry,
                    log::add)) {
                int n = 0;
                while (log.stream().noneMatch(l -> l.contains("cannot spool")) && n < 20_000) {
                    sink.accept(TestAlerts.numbered(++n)); // about 600 bytes each: a 1 MiB disk is full after 1,500 or so
                }
                assertThat(log).as("said once").filteredOn(l -> l.contains("cannot spool")).singleElement()
                        .satisfies(l -> assertThat(l).contains("No space left on device").contains("held in memory"));
                int fullAt = n;
                for (int k = 0; k < 1_000; k++) {
                    sink.accept(TestAlerts.numbered(++n));
                }
                total = n;
                assertThat(held(registry)).as("what the disk cannot take waits in memory").isGreaterThanOrEqualTo(1_000);
                assertThat(sink.pending()).isEqualTo(total);

                assertThat(Tmpfs.grow(spool, "64m")).isTrue(); // space returns
                Thread.sleep(300);
                sink.endOfBatch(); // the periodic sync: the held alerts go to the spool
                assertThat(held(registry)).isZero();
                assertThat(log).anyMatch(l -> l.contains("spooling again") && l.contains("alerts held in memory meanwhile are spooled"));
                rsyslog.start();
                List<JsonNode> arrived = rsyslog.waitFor(total, 60);
                List<String> ids = new ArrayList<>();
                for (JsonNode m : arrived) {
                    ids.add(m.path("rfc5424-sd").path("telltale@32473").path("id").asText());
                }
                List<String> expected = new ArrayList<>();
                for (int i = 1; i <= total; i++) {
                    expected.add(TestAlerts.numbered(i).id());
                }
                assertThat(ids.stream().distinct().toList()).as("every alert, in the order raised").isEqualTo(expected);
                System.out.printf("SIEM spool on a full disk: full at alert %d, %d more held in memory, all %d delivered after "
                        + "space and the receiver returned%n", fullAt, total - fullAt, total);
            }
            assertThat(registry.get("telltale.siem.events.dropped").tag("reason", "spool_error").counter().count()).isZero();
        } finally {
            Tmpfs.unmount(spool);
        }
    }

    private static double held(SimpleMeterRegistry registry) {
        return registry.get("telltale.siem.queue.held").gauge().value();
    }
}
