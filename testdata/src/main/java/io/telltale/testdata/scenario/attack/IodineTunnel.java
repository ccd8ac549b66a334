package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Bytes;
import io.telltale.testdata.payload.Dns;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Talk;
import io.telltale.testdata.scenario.Truth;
import java.util.List;

/**
 * A2(a): an iodine-shaped DNS tunnel from the EDS through the site resolver to {@code t1.tunnel.example}
 * for 20 minutes: version and login queries ({@code v…}, {@code l…}), then NULL queries whose labels
 * carry Base128 bytes (0xBC–0xFD among letters and digits, 180–250-character names) at 5–50 a second,
 * answered with NULL records of up to 1,100 bytes; one client socket throughout, as iodine keeps.
 */
public final class IodineTunnel extends BaseScenario {

    static final String DOMAIN = "t1.tunnel.example";

    public IodineTunnel() {
        super("A2a", Label.MALICIOUS, "iodine-like DNS tunnel: NULL queries with Base128 labels via the site resolver");
    }

    @Override
    public void plan(Plan plan) {
        Device eds = plan.site().device("EDS-1");
        Device resolver = plan.site().device("RESOLVER");
        long start = Plan.dayOf(plan.start()) + 14 * HOUR + 7 * MINUTE;
        long end = start + 20 * MINUTE;
        long[] queries = {2};
        int port = 49_152 + plan.random().nextInt(16_384);
        plan.at(start, talk -> {
            talk.lookup(eds, port, talk.start(), "vaaaakatq." + DOMAIN, Dns.NULL, Dns.NOERROR,
                    List.of(new Dns.Answer(Dns.NULL, 0, Bytes.text("VACK\0\0\0\u0001r"))));
            talk.lookup(eds, port, talk.start() + 200_000_000, "lbaaarg5qkd." + DOMAIN, Dns.NULL, Dns.NOERROR,
                    List.of(new Dns.Answer(Dns.NULL, 0, Bytes.text("10.0.0.1-10.0.0.2-1130-27"))));
        });
        for (long second = start + SECOND; second < end; second += SECOND) {
            int rate = 5 + plan.random().nextInt(46);
            queries[0] += rate;
            plan.at(second, talk -> burst(talk, eds, port, rate));
        }
        truth(plan, eds, new Truth.Remote(resolver.ip(), DOMAIN, "udp", 53), List.of("dns-tunnel"), Severity.CRITICAL,
                List.of("T1071.004", "T1572", "T1132.001"), start, end,
                new Truth.Expect(Truth.Expect.REQUESTS, queries[0], queries[0], queries[0] * 150, queries[0] * 300, queries[0] * 150, queries[0] * 1_400, 0, 0),
                List.of());
    }

    static void burst(Talk talk, Device eds, int port, int rate) {
        long gap = SECOND / rate;
        for (int i = 0; i < rate; i++) {
            String name = tunnelName(talk, 180 + talk.random().nextInt(71));
            int answer = talk.random().nextInt(4) == 0 ? 4 : 300 + talk.random().nextInt(800);
            talk.lookup(eds, port, talk.start() + i * gap, name, Dns.NULL, Dns.NOERROR,
                    List.of(new Dns.Answer(Dns.NULL, 0, Bytes.random(talk.random(), answer))));
        }
    }

    /** A query name of about {@code length} characters: labels of up to 63 Base128 bytes, then the tunnel domain. */
    static String tunnelName(Talk talk, int length) {
        StringBuilder name = new StringBuilder().append((char) ('a' + talk.random().nextInt(26)));
        int dataLength = length - DOMAIN.length() - 1;
        int inLabel = 1;
        while (name.length() < dataLength) {
            if (inLabel == 63) {
                name.append('.');
                inLabel = 0;
                continue;
            }
            int pick = talk.random().nextInt(100);
            char c = pick < 45 ? (char) (0xbc + talk.random().nextInt(0xfd - 0xbc + 1))
                    : pick < 80 ? (char) ('a' + talk.random().nextInt(26)) : (char) ('0' + talk.random().nextInt(10));
            name.append(c);
            inLabel++;
        }
        if (name.charAt(name.length() - 1) == '.') {
            name.setLength(name.length() - 1);
        }
        return name + "." + DOMAIN;
    }
}
