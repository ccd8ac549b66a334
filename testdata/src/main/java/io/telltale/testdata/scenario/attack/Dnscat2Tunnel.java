package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Dns;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Talk;
import io.telltale.testdata.scenario.Truth;
import java.util.HexFormat;
import java.util.List;

/**
 * A2(b): a dnscat2-shaped tunnel from the X-ray: all-hex query names under {@code c2.example} (and
 * {@code dnscat.}-prefixed ones), TXT, CNAME and MX questions answered in hex, a poll every 1 s ± 0.5 s
 * for 10 minutes. The evasion variant sleeps 10 minutes between such bursts, for 90 minutes.
 */
public final class Dnscat2Tunnel extends BaseScenario {

    static final String DOMAIN = "c2.example";
    private final boolean sleeps;

    public Dnscat2Tunnel(String id, boolean sleeps) {
        super(id, Label.MALICIOUS, sleeps ? "dnscat2-like DNS tunnel in 10-minute bursts with 10-minute sleeps"
                : "dnscat2-like DNS tunnel: hex labels, TXT/CNAME/MX answers, a poll a second");
        this.sleeps = sleeps;
    }

    @Override
    public void plan(Plan plan) {
        Device xr = plan.site().device("XR-L2");
        Device resolver = plan.site().device("RESOLVER");
        long start = Plan.dayOf(plan.start()) + 15 * HOUR + 31 * MINUTE;
        long end = start + (sleeps ? 90 : 10) * MINUTE;
        long polls = 0;
        for (long t = start; t < end; t += (long) (SECOND * (0.5 + plan.random().nextDouble()))) {
            if (sleeps && ((t - start) / (10 * MINUTE)) % 2 == 1) {
                continue;
            }
            polls++;
            plan.at(t, Dnscat2Tunnel::poll);
        }
        truth(plan, xr, new Truth.Remote(resolver.ip(), DOMAIN, "udp", 53), List.of("dns-tunnel"), Severity.CRITICAL,
                List.of("T1071.004", "T1572", "T1132.001"), start, end,
                new Truth.Expect(Truth.Expect.REQUESTS, polls, polls, polls * 60, polls * 300, polls * 60, polls * 600, sleeps ? 0 : 1, 0.5), List.of());
    }

    static void poll(Talk talk) {
        Device xr = talk.site().device("XR-L2");
        HexFormat hex = HexFormat.of();
        byte[] data = new byte[talk.random().nextInt(2) == 0 ? 9 : 20 + talk.random().nextInt(90)];
        talk.random().nextBytes(data);
        String labels = String.join(".", chunk(hex.formatHex(data)));
        String name = (talk.random().nextInt(5) == 0 ? "dnscat." : "") + labels + "." + DOMAIN;
        int type = switch (talk.random().nextInt(3)) {
            case 0 -> Dns.TXT;
            case 1 -> Dns.CNAME;
            default -> Dns.MX;
        };
        byte[] reply = new byte[9 + talk.random().nextInt(40)];
        talk.random().nextBytes(reply);
        String answer = String.join(".", chunk(hex.formatHex(reply))) + "." + DOMAIN;
        Dns.Answer a = switch (type) {
            case Dns.TXT -> Dns.Answer.text(hex.formatHex(reply), 1);
            case Dns.CNAME -> Dns.Answer.name(Dns.CNAME, answer, 1);
            default -> new Dns.Answer(Dns.MX, 1, io.telltale.testdata.payload.Bytes.concat(new byte[] {0, 10}, Dns.encodeName(answer)));
        };
        talk.lookup(xr, talk.start(), name, type, Dns.NOERROR, List.of(a));
    }

    static List<String> chunk(String hex) {
        List<String> labels = new java.util.ArrayList<>();
        for (int at = 0; at < hex.length(); at += 62) {
            labels.add(hex.substring(at, Math.min(hex.length(), at + 62)));
        }
        return labels;
    }
}
