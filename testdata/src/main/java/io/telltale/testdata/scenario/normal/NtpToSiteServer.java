package io.telltale.testdata.scenario.normal;

import io.telltale.testdata.payload.Ntp;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Truth;
import io.telltale.testdata.wire.Link;

/**
 * N3: every scanner keeps time with the site NTP server: 48-byte mode-3 requests, mode-4 answers, the
 * poll interval doubling from 64 s to 1,024 s as the clock settles, as ntpd and chrony do.
 */
public final class NtpToSiteServer extends BaseScenario {

    public NtpToSiteServer() {
        super("N3", Label.NORMAL, "scanners poll the site NTP server, 64 s growing to 1,024 s");
    }

    @Override
    public void plan(Plan plan) {
        Device ntp = plan.site().device("NTP");
        for (Device scanner : plan.site().scanners()) {
            long t = plan.start() + plan.random().nextInt(60) * SECOND;
            int exponent = 6;
            while (t < plan.end()) {
                int poll = exponent;
                plan.at(t, talk -> {
                    Link link = talk.link(scanner, ntp);
                    byte[] request = Ntp.request(talk.start(), poll);
                    talk.add(link.udp(talk.start(), true, 123, 123, request));
                    long back = talk.start() + 300_000 + talk.random().nextInt(200_000);
                    talk.add(link.udp(back, false, 123, 123, Ntp.response(request, back - 150_000, back - 100_000, 0xc0000201L)));
                });
                t += (1L << exponent) * SECOND;
                exponent = Math.min(10, exponent + (plan.random().nextInt(4) == 0 ? 1 : 0));
            }
            normal(plan, scanner, new Truth.Remote(ntp.ip(), null, "udp", 123));
        }
    }
}
