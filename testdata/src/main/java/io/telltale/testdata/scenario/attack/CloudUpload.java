package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Tls;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Site;
import io.telltale.testdata.scenario.Truth;
import io.telltale.testdata.wire.TcpConnection;
import java.net.InetAddress;
import java.util.List;

/**
 * A7: at 03:10 the EDS uploads 250 MB to {@code content.dropboxapi.com} over TLS 1.3 (the tool's own
 * OpenSSL, not Schannel) in 8 MB chunks spread over 40 minutes, 2 MB coming back. The IPv6 variant
 * does the same to the cloud's IPv6 address from the EDS's global IPv6 address.
 */
public final class CloudUpload extends BaseScenario {

    static final String NAME = "content.dropboxapi.com";
    static final InetAddress SERVER = Site.address("198.51.100.140");
    static final InetAddress SERVER6 = Site.address("2001:db8:ffff::140");
    static final int CHUNKS = 31;

    private final boolean ipv6;

    public CloudUpload(String id, boolean ipv6) {
        super(id, Label.MALICIOUS, "bulk upload to cloud storage (" + NAME + ") at 03:10, 250 MB in 8 MB chunks"
                + (ipv6 ? ", over IPv6" : ""));
        this.ipv6 = ipv6;
    }

    @Override
    public void plan(Plan plan) {
        Device eds = plan.site().device("EDS-1");
        InetAddress server = ipv6 ? SERVER6 : SERVER;
        long start = Plan.dayOf(plan.start()) + 3 * HOUR + 10 * MINUTE;
        int chunk = plan.scaled(8_000_000, 16_000);
        plan.at(start, talk -> {
            long t = talk.resolve(eds, talk.start(), NAME, SERVER);
            TcpConnection c = talk.tcp(talk.link(eds, server), talk.ephemeralPort(eds), 443, t + 500_000,
                    io.telltale.testdata.scenario.Talk.WAN_RTT_NANOS).open();
            c.clientSends(Tls.clientHello(Tls.Client.EMBEDDED_OPENSSL, NAME, List.of("http/1.1"), talk.random()));
            for (Tls.Step step : Tls.tls13Rest(0x1302, talk.random())) {
                if (step.fromClient()) {
                    c.clientSends(step.bytes());
                } else {
                    c.serverSends(step.bytes());
                }
            }
            for (int i = 0; i < CHUNKS; i++) {
                c.idle(75 * SECOND);
                c.clientSends(Tls.applicationData(chunk, talk.random()));
                c.serverSends(Tls.applicationData(plan.scaled(2_000_000 / CHUNKS, 300), talk.random()));
            }
            c.close(true);
        });
        long out = (long) CHUNKS * chunk;
        truth(plan, eds, new Truth.Remote(server.getHostAddress(), NAME, "tcp", 443), List.of("bulk-egress", "internet-access"),
                Severity.CRITICAL, List.of("T1567.002", "T1029", "T1030", "T0882"), start, start + 45 * MINUTE,
                new Truth.Expect(Truth.Expect.FLOWS, 1, 1, out, out + out / 50 + 4_000, 0, out / 10 + 10_000, 0, 0), List.of());
    }
}
