package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Certificates;
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
 * A6: the CT connects straight to 192.0.2.200:8443 (no DNS before it), sends a ClientHello without a
 * server name, and the server shows a self-signed certificate for {@code localhost}; 20–200 kB go out.
 * Once every 6 hours.
 */
public final class DirectIpSelfSigned extends BaseScenario {

    static final InetAddress SERVER = Site.address("192.0.2.200");

    public DirectIpSelfSigned() {
        super("A6", Label.MALICIOUS, "direct-to-IP TLS on 8443, no SNI, self-signed localhost certificate, every 6 h");
    }

    @Override
    public void plan(Plan plan) {
        Device ct = plan.site().device("CT-L1");
        long first = plan.start() + 2 * HOUR + 13 * MINUTE;
        long sessions = 0;
        for (long t = first; t < plan.end(); t += 6 * HOUR) {
            sessions++;
            int up = plan.scaled(20_000 + plan.random().nextInt(180_000), 20_000);
            plan.at(t, talk -> {
                TcpConnection c = talk.tcp(ct, SERVER, 8443, talk.start());
                talk.tls(c, ct, null, List.of(), Certificates.selfSignedLocalhost(), up, 300);
                c.close(true);
            });
        }
        truth(plan, ct, new Truth.Remote(SERVER.getHostAddress(), null, "tcp", 8443),
                List.of("dns-less-connection", "tls-anomaly", "internet-access"), Severity.HIGH, List.of("T1573.002", "T1571"),
                first, plan.end(), new Truth.Expect(Truth.Expect.FLOWS, sessions, sessions, sessions * 20_000, sessions * 202_000,
                        sessions * 1_000, sessions * 3_000, 6 * 3600, 0.001), List.of());
    }
}
