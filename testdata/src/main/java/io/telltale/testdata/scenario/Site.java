package io.telltale.testdata.scenario;

import io.telltale.testdata.wire.Link;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference screening site of {@code reference/domain.md} §5: the scanner VLAN (10.20.30.0/24),
 * the servers (10.20.40.0/24), the BHS PLC (10.20.50.10), the airport-run vendor jump host
 * (10.20.60.5), all joined by one router; "the Internet" is the documentation ranges of RFC 5737 and
 * names under {@code .example}. MACs carry real OUIs (IEEE registry): Analogic (checkpoint CT),
 * Advantech and Kontron industrial PCs (X-ray, EDS, trace detector), Dell servers, a Siemens PLC and
 * a Cisco router. The monitor's SPAN port sees the scanner VLAN's uplink.
 */
public final class Site {

    public static final String SCANNERS = "scanners";
    public static final String SERVERS = "servers";

    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final byte[] routerMac = mac("00:00:0c:9f:f0:1e");

    public static Site reference() {
        Site s = new Site();
        s.add("CT-L1", "checkpoint-ct", "00:1a:aa:07:31:11", "10.20.30.11", "fe80::21a:aaff:fe07:3111", "CTL1", 64,
                Device.TlsClient.EMBEDDED_OPENSSL);
        s.add("XR-L2", "dual-view-xray", "00:0b:ab:5c:12:02", "10.20.30.12", "fe80::20b:abff:fe5c:1202", "XRL2", 128,
                Device.TlsClient.WINDOWS_SCHANNEL);
        s.add("EDS-1", "hold-baggage-eds", "00:30:59:2e:21:01", "10.20.30.21", "2001:db8:20:30::21", "EDS1", 128,
                Device.TlsClient.WINDOWS_SCHANNEL);
        s.add("ETD-1", "trace-detector", "00:10:13:44:31:01", "10.20.30.31", null, null, 64, Device.TlsClient.EMBEDDED_OPENSSL);
        s.add("CIP", "image-servers", "00:14:22:0a:40:10", "10.20.40.10", null, "CIP_SRV", 64, Device.TlsClient.EMBEDDED_OPENSSL);
        s.add("TIP", "tip-servers", "00:14:22:0a:40:20", "10.20.40.20", null, null, 128, Device.TlsClient.WINDOWS_SCHANNEL);
        s.add("NTP", "site-services", "00:14:22:0a:40:05", "10.20.40.5", null, null, 64, Device.TlsClient.EMBEDDED_OPENSSL);
        s.add("SYSLOG", "site-services", "00:14:22:0a:40:06", "10.20.40.6", null, null, 64, Device.TlsClient.EMBEDDED_OPENSSL);
        s.add("RESOLVER", "site-services", "00:14:22:0a:40:53", "10.20.40.53", null, null, 64, Device.TlsClient.EMBEDDED_OPENSSL);
        s.add("ARCHIVE", "site-services", "00:14:22:0a:40:30", "10.20.40.30", null, null, 128, Device.TlsClient.WINDOWS_SCHANNEL);
        s.add("JUMP", "vendor-jump-host", "00:14:22:0a:60:05", "10.20.60.5", null, null, 128, Device.TlsClient.WINDOWS_SCHANNEL);
        s.add("BHS-PLC", "bhs", "00:1b:1b:50:10:10", "10.20.50.10", null, null, 64, Device.TlsClient.EMBEDDED_OPENSSL);
        return s;
    }

    private void add(String name, String group, String mac, String ip, String ip6, String ae, int ttl, Device.TlsClient tls) {
        devices.put(name, new Device(name, group, mac(mac), address(ip), ip6 == null ? null : (Inet6Address) address(ip6), ae,
                ttl, tls));
    }

    public Device device(String name) {
        Device d = devices.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no device " + name + " in the site; there are " + devices.keySet());
        }
        return d;
    }

    public List<Device> devices() {
        return List.copyOf(devices.values());
    }

    public List<Device> scanners() {
        return devices.values().stream().filter(d -> d.address().getHostAddress().startsWith("10.20.30.")).toList();
    }

    public byte[] routerMac() {
        return routerMac.clone();
    }

    /** A conversation from a device to another device of the site. */
    public Link link(Device client, Device server, int firstIpId) {
        boolean onLink = sameSegment(client.address(), server.address());
        return new Link(client.mac(), onLink ? server.mac() : routerMac, client.address(), server.address(), client.ttl(),
                onLink ? server.ttl() : server.ttl() - 1, 0, firstIpId);
    }

    /** A conversation from a device to a host beyond the router (another site network or the Internet). */
    public Link link(Device client, InetAddress server, int firstIpId) {
        InetAddress from = server instanceof Inet6Address ? client.address6() : client.address();
        if (from == null) {
            throw new IllegalArgumentException(client.name() + " has no IPv6 address");
        }
        boolean internet = !server.isSiteLocalAddress() && !server.isLinkLocalAddress();
        return new Link(client.mac(), routerMac, from, server, client.ttl(), internet ? 52 : 63, 0, firstIpId);
    }

    static boolean sameSegment(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        return x.length == 4 && y.length == 4 && x[0] == y[0] && x[1] == y[1] && x[2] == y[2];
    }

    public static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: never a lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }

    static byte[] mac(String text) {
        String[] parts = text.split(":");
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) {
            mac[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return mac;
    }
}
