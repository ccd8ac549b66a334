package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Bytes;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Site;
import io.telltale.testdata.scenario.Talk;
import io.telltale.testdata.scenario.Truth;
import io.telltale.testdata.wire.Link;
import java.net.InetAddress;
import java.util.List;

/**
 * A4(a): ptunnel from the CT to 198.51.100.23 for 15 minutes: echo requests and replies of 1,024–1,400
 * bytes, 20 a second, each payload starting with ptunnel's magic {@code D5 20 08 80} and its header
 * (destination, port, state, ack, length, sequence), then compressed-looking data.
 */
public final class IcmpTunnel extends BaseScenario {

    static final InetAddress PROXY = Site.address("198.51.100.23");
    static final int PACKETS_PER_SECOND = 20;

    public IcmpTunnel() {
        super("A4a", Label.MALICIOUS, "ptunnel ICMP tunnel: echo payloads with the D5200880 magic, 20 a second for 15 min");
    }

    @Override
    public void plan(Plan plan) {
        Device ct = plan.site().device("CT-L1");
        long start = Plan.dayOf(plan.start()) + 11 * HOUR + 40 * MINUTE;
        long end = start + 15 * MINUTE;
        int id = plan.random().nextInt(65_536);
        long requests = 0;
        for (long second = start; second < end; second += SECOND) {
            int base = (int) (requests & 0xffff);
            plan.at(second, talk -> second(talk, ct, id, base));
            requests += PACKETS_PER_SECOND;
        }
        truth(plan, ct, new Truth.Remote(PROXY.getHostAddress(), null, "icmp", 0), List.of("icmp-tunnel", "internet-access"),
                Severity.CRITICAL, List.of("T1095", "T1572"), start, end,
                new Truth.Expect(Truth.Expect.REQUESTS, requests, requests, requests * 1_024, requests * 1_408, requests * 1_024,
                        requests * 1_408, 0.05, 0.05),
                List.of());
    }

    static void second(Talk talk, Device ct, int id, int firstSequence) {
        Link link = talk.link(ct, PROXY);
        for (int i = 0; i < PACKETS_PER_SECOND; i++) {
            long t = talk.start() + i * (SECOND / PACKETS_PER_SECOND);
            int sequence = (firstSequence + i) & 0xffff;
            talk.add(link.icmp(t, true, 8, 0, id, sequence, payload(talk, sequence, true)));
            talk.add(link.icmp(t + Talk.WAN_RTT_NANOS / 3, false, 0, 0, id, sequence, payload(talk, sequence, false)));
        }
    }

    static byte[] payload(Talk talk, int sequence, boolean fromProxyClient) {
        int size = 1_024 + talk.random().nextInt(377);
        Bytes b = new Bytes().u32(0xD5200880L).put(Site.address("10.9.8.7").getAddress()).u32(22)
                .u32(fromProxyClient ? 0x40000001L : 0x40000002L).u32(sequence).u32(size - 28).u16(sequence).u16(0);
        return Bytes.concat(b.bytes(), Bytes.random(talk.random(), size - b.size()));
    }
}
