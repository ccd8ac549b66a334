package io.telltale.testdata.scenario.normal;

import io.telltale.testdata.payload.Rdp;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Talk;
import io.telltale.testdata.scenario.Truth;
import io.telltale.testdata.wire.TcpConnection;
import java.util.List;

/**
 * N7: the vendor's engineer, on the airport's jump host, opens RDP (TLS, {@code mstshash=vendor-svc})
 * to the EDS in the declared change window (first day, 10:00–12:00) and works for about 80 minutes:
 * 10–200 MB of screen updates down, keystrokes and mouse up. An informational event, not an alarm.
 */
public final class VendorMaintenance extends BaseScenario {

    public VendorMaintenance() {
        super("N7", Label.NORMAL, "vendor engineer on the jump host RDPs to the EDS inside the change window");
    }

    @Override
    public void plan(Plan plan) {
        Device jump = plan.site().device("JUMP");
        Device eds = plan.site().device("EDS-1");
        long start = Plan.dayOf(plan.start()) + 10 * HOUR + 12 * MINUTE;
        long end = start + 80 * MINUTE;
        int down = plan.scaled(10_000_000L + plan.random().nextInt(190_000_000), 50_000);
        plan.at(start, talk -> session(talk, jump, eds, end, down));
        truth(plan, jump, new Truth.Remote(eds.ip(), null, "tcp", 3389), List.of("remote-access"), Severity.INFO,
                List.of(), start, end + 10 * MINUTE, null, List.of());
    }

    static void session(Talk talk, Device from, Device to, long end, int downBytes) {
        TcpConnection c = talk.tcp(from, to, 3389, talk.start());
        c.clientSends(Rdp.connectionRequest("vendor-svc"));
        c.serverSends(Rdp.connectionConfirm());
        talk.tls(c, from, null, List.of(), List.of(io.telltale.testdata.scenario.Certificates.der("localhost-self-signed")),
                2_000, 4_000);
        int bursts = 40;
        long step = Math.max(SECOND, (end - c.now()) / bursts);
        for (int i = 0; i < bursts; i++) {
            c.idle(step);
            c.clientSends(io.telltale.testdata.payload.Tls.applicationData(200 + talk.random().nextInt(600), talk.random()));
            c.serverSends(io.telltale.testdata.payload.Tls.applicationData(downBytes / bursts, talk.random()));
        }
        c.close(true);
    }
}
