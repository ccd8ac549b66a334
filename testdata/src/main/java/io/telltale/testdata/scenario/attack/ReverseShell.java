package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Bytes;
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
 * A10: a reverse shell from the EDS to 203.0.113.9:4444 in clear text: the Windows banner and prompt
 * go out, the operator types commands for 10 minutes, their output comes back over the same
 * connection; at the end the operator's side resets it.
 */
public final class ReverseShell extends BaseScenario {

    static final InetAddress OPERATOR = Site.address("203.0.113.9");

    public ReverseShell() {
        super("A10", Label.MALICIOUS, "cleartext reverse shell (cmd.exe) from the EDS to 203.0.113.9:4444");
    }

    @Override
    public void plan(Plan plan) {
        Device eds = plan.site().device("EDS-1");
        long start = Plan.dayOf(plan.start()) + 21 * HOUR + 17 * MINUTE;
        plan.at(start, talk -> {
            TcpConnection c = talk.tcp(eds, OPERATOR, 4444, talk.start());
            c.clientSends(Bytes.text(IcmpShell.SESSION[0][1]));
            for (int round = 0; round < 12; round++) {
                String[] step = IcmpShell.SESSION[1 + round % (IcmpShell.SESSION.length - 2)];
                c.idle((20 + talk.random().nextInt(30)) * SECOND);
                c.serverSends(Bytes.text(step[0]));
                c.clientSends(Bytes.text(step[0] + step[1]));
            }
            c.serverSends(Bytes.text("exit\r\n"));
            c.reset(false); // the operator's listener goes away: torn down with a RST

        });
        truth(plan, eds, new Truth.Remote(OPERATOR.getHostAddress(), null, "tcp", 4444),
                List.of("reverse-shell", "internet-access", "dns-less-connection"), Severity.CRITICAL,
                List.of("T1059.003", "T1571", "T1095", "T0807"), start, start + 12 * MINUTE,
                new Truth.Expect(Truth.Expect.FLOWS, 1, 1, 1_500, 6_000, 80, 400, 0, 0), List.of());
    }
}
