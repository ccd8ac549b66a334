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
import io.telltale.testdata.wire.Headers;
import io.telltale.testdata.wire.Link;
import java.net.InetAddress;
import java.util.List;

/**
 * A14: the X-ray escapes the IPv4-only VLAN through an IPv6 transition tunnel. Teredo: UDP 3544 to the
 * server 198.51.100.50, a router solicitation to qualify, its advertisement back, a bubble every 30 s
 * to keep the mapping, and IPv6 pings to a host beyond (source 2001:0::/32, the Teredo prefix). The
 * variant uses 6in4 (IPv4 protocol 41) to 192.0.2.41 for the same pings.
 */
public final class Ipv6Tunnel extends BaseScenario {

    static final InetAddress TEREDO_SERVER = Site.address("198.51.100.50");
    static final InetAddress BROKER = Site.address("192.0.2.41");
    static final InetAddress TEREDO_ADDRESS = Site.address("2001:0:c633:6432:8000:f227:f5eb:ffe9");
    static final InetAddress TUNNEL_ADDRESS = Site.address("2001:db8:41::2");
    static final InetAddress FAR_HOST = Site.address("2001:db8:beef::10");
    static final InetAddress LINK_LOCAL = Site.address("fe80::8000:ffff:ffff:fffd");
    static final InetAddress ALL_ROUTERS = Site.address("ff02::2");

    private final boolean sixInFour;

    public Ipv6Tunnel(String id, boolean sixInFour) {
        super(id, Label.MALICIOUS, sixInFour ? "6in4 tunnel (IPv4 protocol 41) to 192.0.2.41 from the IPv4-only scanner VLAN"
                : "Teredo tunnel (UDP 3544) to 198.51.100.50 from the IPv4-only scanner VLAN");
        this.sixInFour = sixInFour;
    }

    @Override
    public void plan(Plan plan) {
        Device xr = plan.site().device("XR-L2");
        InetAddress remote = sixInFour ? BROKER : TEREDO_SERVER;
        long start = Plan.dayOf(plan.start()) + 18 * HOUR + 20 * MINUTE;
        long end = start + HOUR;
        long packets = 0;
        if (!sixInFour) {
            plan.at(start, talk -> {
                Link link = talk.link(xr, TEREDO_SERVER);
                byte[] rs = Headers.ip(LINK_LOCAL, ALL_ROUTERS, Headers.PROTO_ICMPV6, 255, 0,
                        Headers.icmp(LINK_LOCAL, ALL_ROUTERS, 133, 0, 0, 0, new byte[0]));
                talk.add(link.udp(talk.start(), true, 61_234, 3544, Bytes.concat(new byte[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, rs)));
                byte[] ra = Headers.ip(Site.address("fe80::8000:f227:3acc:cdaf"), LINK_LOCAL, Headers.PROTO_ICMPV6, 255, 0,
                        Headers.icmp(Site.address("fe80::8000:f227:3acc:cdaf"), LINK_LOCAL, 134, 0, 0, 1800, new byte[8]));
                talk.add(link.udp(talk.start() + Talk.WAN_RTT_NANOS, false, 61_234, 3544, ra));
            });
            packets++;
            for (long t = start + 30 * SECOND; t < end; t += 30 * SECOND) {
                packets++;
                plan.at(t, talk -> {
                    Link link = talk.link(xr, TEREDO_SERVER);
                    talk.add(link.udp(talk.start(), true, 61_234, 3544, Headers.ip(TEREDO_ADDRESS, FAR_HOST, 59, 21, 0, new byte[0])));
                });
            }
        }
        InetAddress inner = sixInFour ? TUNNEL_ADDRESS : TEREDO_ADDRESS;
        for (long t = start + 2 * MINUTE; t < end; t += 10 * SECOND) {
            packets++;
            int sequence = (int) ((t - start) / (10 * SECOND));
            plan.at(t, talk -> {
                Link link = talk.link(xr, remote);
                byte[] data = Bytes.random(talk.random(), 56);
                byte[] request = Headers.ip(inner, FAR_HOST, Headers.PROTO_ICMPV6, 64, 0,
                        Headers.icmp(inner, FAR_HOST, 128, 0, 7, sequence, data));
                byte[] reply = Headers.ip(FAR_HOST, inner, Headers.PROTO_ICMPV6, 52, 0,
                        Headers.icmp(FAR_HOST, inner, 129, 0, 7, sequence, data));
                if (sixInFour) {
                    talk.add(link.raw(talk.start(), true, Headers.PROTO_IPV6, request));
                    talk.add(link.raw(talk.start() + Talk.WAN_RTT_NANOS, false, Headers.PROTO_IPV6, reply));
                } else {
                    talk.add(link.udp(talk.start(), true, 61_234, 3544, request));
                    talk.add(link.udp(talk.start() + Talk.WAN_RTT_NANOS, false, 61_234, 3544, reply));
                }
            });
        }
        truth(plan, xr, new Truth.Remote(remote.getHostAddress(), null, sixInFour ? "ipv6" : "udp", sixInFour ? 0 : 3544),
                List.of("ipv6-tunnel", "internet-access"), Severity.HIGH, List.of("T1572"), start, end,
                new Truth.Expect(Truth.Expect.REQUESTS, packets, packets, 0, packets * 120, 0, packets * 120, 0, 0), List.of());
    }
}
