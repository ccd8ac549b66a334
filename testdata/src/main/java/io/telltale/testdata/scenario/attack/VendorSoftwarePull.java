package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Bytes;
import io.telltale.testdata.payload.Http;
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
import java.time.DayOfWeek;
import java.util.List;

/**
 * A16: at 04:00 on a Tuesday (the first day of the period if no Tuesday falls in it) the CT fetches an
 * 80 MB update from {@code updates.vendor.example} over HTTPS, outside any change window.
 */
public final class VendorSoftwarePull extends BaseScenario {

    static final String NAME = "updates.vendor.example";
    static final InetAddress SERVER = Site.address("203.0.113.46");

    public VendorSoftwarePull() {
        super("A16", Label.MALICIOUS, "undeclared vendor software pull: 80 MB from " + NAME + " on a Tuesday at 04:00");
    }

    @Override
    public void plan(Plan plan) {
        Device ct = plan.site().device("CT-L1");
        long day = Plan.dayOf(plan.start());
        for (long d = day; d < plan.end(); d += DAY) {
            if (Plan.instant(d).atZone(java.time.ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.TUESDAY) {
                day = d;
                break;
            }
        }
        long start = day + 4 * HOUR;
        int size = plan.scaled(80_000_000, 100_000);
        plan.at(start, talk -> {
            long t = talk.resolve(ct, talk.start(), NAME, SERVER);
            TcpConnection c = talk.tcp(ct, SERVER, 443, t + 400_000);
            byte[] get = Http.request("GET", "/dist/ct-suite/7.3.2/ct-suite-7.3.2.zip", NAME, "vta/2.4.1", "", new byte[0]);
            talk.tls(c, ct, NAME, List.of("http/1.1"), Certificates.vendorChain(NAME), get.length + 29, 0);
            c.serverSends(io.telltale.testdata.payload.Tls.applicationData(size + 300, talk.random()));
            c.close(true);
        });
        truth(plan, ct, new Truth.Remote(SERVER.getHostAddress(), NAME, "tcp", 443), List.of("undeclared-peer", "internet-access"),
                Severity.HIGH, List.of("T1105", "T0862"), start, start + 30 * MINUTE,
                new Truth.Expect(Truth.Expect.FLOWS, 1, 1, 300, 3_000, size, size + size / 50 + 6_000, 0, 0), List.of());
    }
}
