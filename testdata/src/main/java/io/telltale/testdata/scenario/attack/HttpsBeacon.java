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
import java.util.List;

/**
 * A1: the checkpoint CT's vendor agent phones home over TLS every 300 s with uniform jitter
 * (±15 %, or ±50 % in the evasion variant; the slow variants hourly and daily), day and night: it looks up
 * {@code status.vendor-telemetry.example}, then POSTs about 600 bytes to {@code /api/v1/hb} and gets
 * about 1.2 kB back, inside TLS with its own OpenSSL stack (a JA3 unlike the Windows host's).
 */
public final class HttpsBeacon extends BaseScenario {

    static final String NAME = "status.vendor-telemetry.example";
    static final InetAddress SERVER = Site.address("203.0.113.45");

    private final double jitter;
    private final long periodSeconds;

    public HttpsBeacon(String id, double jitter) {
        this(id, 300, jitter);
    }

    /** A slow beacon: hourly or daily, the kind only a monitor that remembers weeks can see. */
    public HttpsBeacon(String id, long periodSeconds, double jitter) {
        super(id, Label.MALICIOUS, "HTTPS beacon from the CT to " + NAME + " every " + period(periodSeconds) + " ± "
                + Math.round(jitter * 100) + " %");
        this.jitter = jitter;
        this.periodSeconds = periodSeconds;
    }

    static String period(long seconds) {
        return seconds % 86_400 == 0 ? seconds / 86_400 + " d" : seconds % 3_600 == 0 ? seconds / 3_600 + " h" : seconds + " s";
    }

    @Override
    public void plan(Plan plan) {
        Device ct = plan.site().device("CT-L1");
        long first = plan.start() + HOUR + plan.random().nextInt(300) * SECOND;
        long period = periodSeconds * SECOND;
        long t = first;
        int beacons = 0;
        while (t < plan.end()) {
            plan.at(t, talk -> {
                long resolved = talk.resolve(ct, talk.start(), NAME, SERVER);
                TcpConnection c = talk.tcp(ct, SERVER, 443, resolved + 300_000);
                byte[] body = Bytes.text("{\"device\":\"CT-L1\",\"sn\":\"CT7731-0042\",\"uptime\":" + talk.random().nextInt(9_999_999)
                        + ",\"trays\":" + talk.random().nextInt(5000) + ",\"disk\":" + (60 + talk.random().nextInt(30))
                        + ",\"queue\":" + "x".repeat(340 + talk.random().nextInt(40)) + "}");
                byte[] post = Http.request("POST", "/api/v1/hb", NAME, "vta/2.4.1", "application/json", body);
                talk.tls(c, ct, NAME, List.of("http/1.1"), Certificates.vendorChain(NAME), post.length + 29,
                        1_150 + talk.random().nextInt(100));
                c.close(true);
            });
            beacons++;
            double factor = 1 + jitter * (2 * plan.random().nextDouble() - 1);
            t += (long) (period * factor);
        }
        truth(plan, ct, new Truth.Remote(SERVER.getHostAddress(), NAME, "tcp", 443),
                List.of("internet-access", "undeclared-peer", "beaconing"), Severity.CRITICAL,
                List.of("T1071.001", "T1573", "T0869"), first, plan.end(),
                new Truth.Expect(Truth.Expect.FLOWS, beacons, beacons, beacons * 1_000L, beacons * 6_000L, beacons * 1_000L, beacons * 9_000L, periodSeconds, jitter),
                List.of());
    }
}
