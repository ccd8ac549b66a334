package io.telltale.dashboard.siem;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Telltale-like process for the outage test: spools alerts {@code from} to {@code to} (numbered
 * as {@link TestAlerts#numbered}) for one TCP destination at {@code perSecond}, says how far it got
 * on stdout, and drains on the way out. The test kills it with SIGKILL.
 */
public final class SpoolingSender {

    public static void main(String[] args) throws Exception {
        Path spool = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int from = Integer.parseInt(args[2]);
        int to = Integer.parseInt(args[3]);
        int perSecond = Integer.parseInt(args[4]);
        SyslogDestination d = SyslogDestination.of("outage", SyslogDestination.Transport.TCP, "127.0.0.1", port,
                AlertEncoder.Payload.SYSLOG);
        try (SiemSink sink = new SiemSink(java.util.List.of(d), SyslogDeliveryTest.SENSOR, spool, Duration.ofSeconds(120),
                new SimpleMeterRegistry(), m -> System.out.println("log " + m))) {
            for (int n = from; n <= to; n++) {
                sink.accept(TestAlerts.numbered(n));
                sink.endOfBatch();
                System.out.println("spooled " + n);
                Thread.sleep(1000 / perSecond);
            }
        }
        System.out.println("drained");
    }
}
