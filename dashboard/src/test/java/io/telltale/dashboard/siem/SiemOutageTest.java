package io.telltale.dashboard.siem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost (issue 9, siem.md §1.7): a real rsyslog is SIGKILLed in the middle of a stream and
 * started again a minute later ({@code -Dtelltale.outage.seconds=3600} makes it the hour of issue 11, by
 * hand; the alerts of the outage are spread over it), and then the
 * sending process itself is SIGKILLed with alerts in its spool and started again. Every alert
 * arrives; the duplicates are few and carry the same id. The counts are printed.
 */
class SiemOutageTest {

    static final long OUTAGE_SECONDS = Long.getLong("telltale.outage.seconds", 60);

    @TempDir
    Path dir;

    @Test
    void aReceiverKilledMidStreamAndAKilledSenderLoseNothing() throws Exception {
        TestPki pki = new TestPki(dir.resolve("pki"));
        try (Rsyslog rsyslog = new Rsyslog(dir.resolve("rsyslog"), pki)) {
            rsyslog.start();
            SyslogDestination d = SyslogDestination.of("outage", SyslogDestination.Transport.TCP, "127.0.0.1", rsyslog.port,
                    AlertEncoder.Payload.SYSLOG);
            List<String> log = new CopyOnWriteArrayList<>();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Path spool = dir.resolve("spool");
            long killedAt = 0;
            try (SiemSink sink = new SiemSink(List.of(d), SyslogDeliveryTest.SENSOR, spool, Duration.ofSeconds(60), registry,
                    log::add)) {
                for (int n = 1; n <= 300; n++) {
                    sink.accept(TestAlerts.numbered(n));
                    sink.endOfBatch();
                    if (n == 100) {
                        rsyslog.kill();
                        killedAt = System.nanoTime();
                    }
                    Thread.sleep(n < 100 ? 10 : 1000 * OUTAGE_SECONDS / 200); // the outage's alerts spread over it
                }
                long left = TimeUnit.SECONDS.toNanos(OUTAGE_SECONDS) - (System.nanoTime() - killedAt);
                if (left > 0) {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
                }
                assertTrue(sink.pending() >= 200, "the alerts of the outage wait in the spool: " + sink.pending());
                rsyslog.start();
            }
            long back = System.nanoTime();
            Map<String, Integer> first = counts(rsyslog.waitFor(300, 60));
            System.out.printf("receiver killed for %d s: %d alerts sent, %d distinct arrived %.1f s after it was back, %d duplicates, "
                    + "%d reconnects, %d log lines%n", OUTAGE_SECONDS, 300, first.size(), (System.nanoTime() - back) / 1e9,
                    first.values().stream().mapToInt(i -> i - 1).sum(),
                    (long) registry.get("telltale.siem.reconnects").counter().count(), log.size());
            for (int n = 1; n <= 300; n++) {
                assertTrue(first.containsKey(TestAlerts.numbered(n).id()), "alert " + n + " arrived; log " + log);
            }
            assertTrue(first.values().stream().mapToInt(i -> i - 1).sum() <= 100, "duplicates are bounded: " + first);

            // now our own process dies with alerts in its spool, the receiver down
            rsyslog.kill();
            Process sender = sender(spool, rsyslog.port, 301, 400, 200);
            BufferedReader out = new BufferedReader(new InputStreamReader(sender.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("spooled 400")) {
                // until everything is spooled
            }
            sender.destroyForcibly();
            sender.waitFor(10, TimeUnit.SECONDS);
            rsyslog.start();
            Process again = sender(spool, rsyslog.port, 401, 450, 100);
            String rest = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(again.waitFor(120, TimeUnit.SECONDS) && rest.contains("drained"), rest);
            assertTrue(rest.contains("alerts from an earlier run wait"), "the restart says it resends: " + rest);
            Map<String, Integer> all = counts(rsyslog.waitFor(450, 30));
            int missing = 0;
            for (int n = 301; n <= 450; n++) {
                if (!all.containsKey(TestAlerts.numbered(n).id())) {
                    missing++;
                }
            }
            System.out.printf("sender SIGKILLed with 100 alerts spooled, restarted: %d of 150 arrived, %d missing%n",
                    150 - missing, missing);
            assertEquals(0, missing, "every alert spooled before the kill arrives after the restart");
        }
    }

    private static Process sender(Path spool, int port, int from, int to, int perSecond) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SpoolingSender.class.getName(),
                spool.toString(), Integer.toString(port), Integer.toString(from), Integer.toString(to), Integer.toString(perSecond))
                .redirectErrorStream(true).start();
    }

    private static Map<String, Integer> counts(List<JsonNode> messages) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode m : messages) {
            counts.merge(m.path("rfc5424-sd").path("telltale@32473").path("id").asText(), 1, Integer::sum);
        }
        return counts;
    }
}
