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
 * A8: the X-ray resolves names over HTTPS ({@code cloudflare-dns.com}, 1.1.1.1, HTTP/2): one TLS
 * connection held for 30 minutes with a DNS message (200–600 bytes each way) every 6–60 s, and
 * meanwhile TLS connections to 203.0.113.60 that no visible DNS answer named.
 */
public final class DnsOverHttps extends BaseScenario {

    static final String NAME = "cloudflare-dns.com";
    static final InetAddress RESOLVER = Site.address("1.1.1.1");
    static final InetAddress HIDDEN = Site.address("203.0.113.60");

    public DnsOverHttps() {
        super("A8", Label.MALICIOUS, "DNS over HTTPS to cloudflare-dns.com, then connections no visible DNS explains");
    }

    @Override
    public void plan(Plan plan) {
        Device xr = plan.site().device("XR-L2");
        long start = Plan.dayOf(plan.start()) + 9 * HOUR + 44 * MINUTE;
        long end = start + 30 * MINUTE;
        plan.at(start, talk -> {
            long t = talk.resolve(xr, talk.start(), NAME, RESOLVER);
            TcpConnection c = talk.tcp(xr, RESOLVER, 443, t + 300_000);
            talk.tls(c, xr, NAME, List.of("h2", "http/1.1"), io.telltale.testdata.scenario.Certificates.publicChain(NAME), 0, 0);
            while (c.now() < end - MINUTE) {
                c.idle((6 + talk.random().nextInt(55)) * SECOND);
                c.clientSends(Tls.applicationData(200 + talk.random().nextInt(400), talk.random()));
                c.serverSends(Tls.applicationData(200 + talk.random().nextInt(400), talk.random()));
            }
            c.close(true);
        });
        for (long t = start + 3 * MINUTE; t < end; t += 7 * MINUTE) {
            plan.at(t, talk -> {
                TcpConnection c = talk.tcp(xr, HIDDEN, 443, talk.start());
                talk.tls(c, xr, "files.example", List.of("h2", "http/1.1"),
                        io.telltale.testdata.scenario.Certificates.publicChain("files.example"), 2_000, 20_000);
                c.close(true);
            });
        }
        truth(plan, xr, new Truth.Remote(RESOLVER.getHostAddress(), NAME, "tcp", 443), List.of("encrypted-dns", "dns-less-connection"),
                Severity.HIGH, List.of("T1572", "T1071.004"), start, end,
                new Truth.Expect(Truth.Expect.FLOWS, 1, 1, 5_000, 60_000, 5_000, 60_000, 0, 0), List.of());
    }
}
