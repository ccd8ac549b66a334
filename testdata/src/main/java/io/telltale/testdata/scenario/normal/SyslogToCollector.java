package io.telltale.testdata.scenario.normal;

import io.telltale.testdata.payload.Syslog;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Truth;
import java.util.List;

/** N4: scanners log operator logins, alarms and faults to the site collector, RFC 5424 over UDP, in bursts. */
public final class SyslogToCollector extends BaseScenario {

    private static final List<String[]> MESSAGES = List.of(
            new String[] {"6", "auth", "LOGIN", "operator op%03d logged in at console 1"},
            new String[] {"6", "auth", "LOGOUT", "operator op%03d logged out"},
            new String[] {"4", "screening", "ALARM", "threat alarm bag %06d: operator decision CLEAR"},
            new String[] {"5", "screening", "TIP", "TIP image projected bag %06d, operator hit"},
            new String[] {"3", "hw", "FAULT", "conveyor stop: light curtain %d interrupted"},
            new String[] {"6", "hw", "STATUS", "x-ray generator warm-up complete, kV stable, %d s"});

    public SyslogToCollector() {
        super("N4", Label.NORMAL, "scanners log logins, alarms and faults to the site collector (RFC 5424/UDP)");
    }

    @Override
    public void plan(Plan plan) {
        Device collector = plan.site().device("SYSLOG");
        for (Device scanner : plan.site().scanners()) {
            plan.arrivals(plan.start(), plan.end(), 60, at -> plan.at(at, talk -> {
                var link = talk.link(scanner, collector);
                int port = talk.ephemeralPort(scanner);
                long t = talk.start();
                for (int i = 1 + talk.random().nextInt(4); i > 0; i--) {
                    String[] m = MESSAGES.get(talk.random().nextInt(MESSAGES.size()));
                    String text = String.format(m[3], talk.random().nextInt(1000) + 1);
                    talk.add(link.udp(t, true, port, 514, Syslog.message(t, Integer.parseInt(m[0]), scanner.name(), m[1],
                            1200 + talk.random().nextInt(800), m[2], text)));
                    t += 1_000_000 + talk.random().nextInt(500_000_000);
                }
            }));
            normal(plan, scanner, new Truth.Remote(collector.ip(), null, "udp", 514));
        }
    }
}
