package io.telltale.testdata.scenario.normal;

import io.telltale.testdata.payload.Dhcp;
import io.telltale.testdata.payload.Discovery;
import io.telltale.testdata.payload.Dns;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Site;
import io.telltale.testdata.scenario.Talk;
import io.telltale.testdata.scenario.Truth;
import io.telltale.testdata.wire.Frame;
import io.telltale.testdata.wire.Headers;
import io.telltale.testdata.wire.Link;
import java.net.InetAddress;
import java.util.List;

/**
 * N8: what an unhardened Windows scanner and its neighbours do on their own. The X-ray and the trace
 * detector take their addresses by DHCP (the router relays; the X-ray renews every 12 h), every
 * scanner ARPs for its gateway; the X-ray chatters NetBIOS, LLMNR, mDNS and SSDP on the link, asks
 * the site resolver for {@code time.windows.com} and {@code ctldl.windowsupdate.com} and tries to
 * reach them, and the firewall drops the SYNs. Undeclared but benign: a low alert at most.
 */
public final class OsBackgroundNoise extends BaseScenario {

    static final InetAddress ROUTER = Site.address("10.20.30.1");
    static final InetAddress BROADCAST = Site.address("255.255.255.255");
    static final InetAddress ANY = Site.address("0.0.0.0");
    static final InetAddress UPDATE = Site.address("192.0.2.80");
    static final InetAddress TIME_SERVER = Site.address("192.0.2.123");
    static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};

    public OsBackgroundNoise() {
        super("N8", Label.BENIGN_UNDECLARED, "OS background noise: DHCP, ARP, NetBIOS/LLMNR/mDNS/SSDP, blocked Windows Update attempts");
    }

    @Override
    public void plan(Plan plan) {
        Site site = plan.site();
        Device xr = site.device("XR-L2");
        Device etd = site.device("ETD-1");
        Dhcp.Client windows = new Dhcp.Client(xr.mac(), "XR-L2", "MSFT 5.0",
                new byte[] {1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, (byte) 249, (byte) 252});
        Dhcp.Client embedded = new Dhcp.Client(etd.mac(), "etd-1", "udhcp 1.30.1", new byte[] {1, 3, 6, 12, 15, 28, 42});
        plan.at(plan.start() + 5 * MINUTE + plan.random().nextInt(60) * SECOND, talk -> dhcpFull(talk, windows, xr));
        plan.at(plan.start() + 7 * MINUTE + plan.random().nextInt(60) * SECOND, talk -> dhcpFull(talk, embedded, etd));
        for (long t = plan.start() + 12 * HOUR + 5 * MINUTE; t < plan.end(); t += 12 * HOUR) {
            plan.at(t, talk -> dhcpRenew(talk, windows, xr));
        }
        for (Device scanner : site.scanners()) {
            for (long t = plan.start() + plan.random().nextInt(1200) * SECOND; t < plan.end(); t += 20 * MINUTE) {
                plan.at(t, talk -> arpForGateway(talk, scanner));
            }
        }
        for (long t = plan.start() + plan.random().nextInt(600) * SECOND; t < plan.end();
             t += (5 + plan.random().nextInt(20)) * MINUTE) {
            plan.at(t, talk -> chatter(talk, xr));
        }
        for (long t = plan.start() + HOUR; t < plan.end(); t += (50 + plan.random().nextInt(20)) * MINUTE) {
            plan.at(t, talk -> blockedUpdate(talk, xr));
        }
        truth(plan, xr, new Truth.Remote(UPDATE.getHostAddress(), "ctldl.windowsupdate.com", "tcp", 80),
                List.of("undeclared-peer", "internet-access"), Severity.LOW, List.of(), plan.start(), plan.end(), null, List.of());
    }

    static void dhcpFull(Talk talk, Dhcp.Client client, Device device) {
        int xid = talk.random().nextInt();
        Link up = new Link(client.mac(), BROADCAST_MAC, ANY, BROADCAST, device.ttl(), 64, 0, talk.random().nextInt(65536));
        Link down = new Link(talk.site().routerMac(), BROADCAST_MAC, ROUTER, BROADCAST, 64, 64, 0, talk.random().nextInt(65536));
        InetAddress server = talk.site().device("RESOLVER").address();
        long t = talk.start();
        talk.add(up.udp(t, true, 68, 67, Dhcp.fromClient(Dhcp.DISCOVER, xid, client, null, null, null)));
        t += 3_000_000;
        talk.add(down.udp(t, true, 67, 68, Dhcp.fromServer(Dhcp.OFFER, xid, client.mac(), device.address(), server, ROUTER,
                server, 86_400)));
        t += 1_000_000;
        talk.add(up.udp(t, true, 68, 67, Dhcp.fromClient(Dhcp.REQUEST, xid, client, null, device.address(), server)));
        t += 3_000_000;
        talk.add(down.udp(t, true, 67, 68, Dhcp.fromServer(Dhcp.ACK, xid, client.mac(), device.address(), server, ROUTER,
                server, 86_400)));
    }

    static void dhcpRenew(Talk talk, Dhcp.Client client, Device device) {
        int xid = talk.random().nextInt();
        InetAddress server = talk.site().device("RESOLVER").address();
        Link link = talk.link(device, server);
        talk.add(link.udp(talk.start(), true, 68, 67, Dhcp.fromClient(Dhcp.REQUEST, xid, client, device.address(), null, null)));
        talk.add(link.udp(talk.start() + 2_500_000, false, 68, 67, Dhcp.fromServer(Dhcp.ACK, xid, client.mac(), device.address(),
                server, ROUTER, server, 86_400)));
    }

    static void arpForGateway(Talk talk, Device device) {
        byte[] request = Discovery.arp(false, device.mac(), device.address().getAddress(), new byte[6], ROUTER.getAddress());
        byte[] reply = Discovery.arp(true, talk.site().routerMac(), ROUTER.getAddress(), device.mac(), device.address().getAddress());
        talk.add(new Frame(talk.start(), Headers.ethernet(BROADCAST_MAC, device.mac(), 0, Headers.ETHERTYPE_ARP, pad(request))));
        talk.add(new Frame(talk.start() + 150_000, Headers.ethernet(device.mac(), talk.site().routerMac(), 0, Headers.ETHERTYPE_ARP,
                pad(reply))));
    }

    static void chatter(Talk talk, Device xr) {
        long t = talk.start();
        Link netbios = new Link(xr.mac(), BROADCAST_MAC, xr.address(), Site.address("10.20.30.255"), xr.ttl(), 64, 0,
                talk.random().nextInt(65536));
        talk.add(netbios.udp(t, true, 137, 137, Discovery.netbiosQuery(talk.random().nextInt(65536), "IMAGESRV")));
        Link llmnr = new Link(xr.mac(), new byte[] {1, 0, 0x5e, 0, 0, (byte) 0xfc}, xr.address(), Site.address("224.0.0.252"),
                1, 64, 0, talk.random().nextInt(65536));
        talk.add(llmnr.udp(t + 2_000_000, true, talk.ephemeralPort(xr), 5355,
                Discovery.multicastQuestion(talk.random().nextInt(65536), "imagesrv", Dns.A)));
        Link mdns = new Link(xr.mac(), new byte[] {1, 0, 0x5e, 0, 0, (byte) 0xfb}, xr.address(), Site.address("224.0.0.251"),
                255, 64, 0, talk.random().nextInt(65536));
        talk.add(mdns.udp(t + 4_000_000, true, 5353, 5353, Discovery.multicastQuestion(0, "imagesrv.local", Dns.A)));
        Link ssdp = new Link(xr.mac(), new byte[] {1, 0, 0x5e, 0x7f, (byte) 0xff, (byte) 0xfa}, xr.address(),
                Site.address("239.255.255.250"), 4, 64, 0, talk.random().nextInt(65536));
        talk.add(ssdp.udp(t + 6_000_000, true, talk.ephemeralPort(xr), 1900, Discovery.ssdpSearch()));
    }

    static void blockedUpdate(Talk talk, Device xr) {
        long answered = talk.resolve(xr, talk.start(), "ctldl.windowsupdate.com", UPDATE);
        talk.tcp(talk.link(xr, UPDATE), talk.ephemeralPort(xr), 80, answered + 1_000_000, Talk.WAN_RTT_NANOS).unanswered();
        long time = talk.resolve(xr, answered + 8 * SECOND, "time.windows.com", TIME_SERVER);
        var ntp = talk.link(xr, TIME_SERVER);
        talk.add(ntp.udp(time + 500_000, true, 123, 123, io.telltale.testdata.payload.Ntp.request(time, 10)));
    }

    /** ARP is 28 bytes; Ethernet needs 46 bytes of payload at least. */
    static byte[] pad(byte[] payload) {
        return java.util.Arrays.copyOf(payload, Math.max(46, payload.length));
    }
}
