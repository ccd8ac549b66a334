package io.telltale.testdata.payload;

import java.net.InetAddress;

/** DHCPv4 messages (RFC 2131, options RFC 2132), as a client and a relay-answered server exchange them. */
public final class Dhcp {

    public static final int DISCOVER = 1;
    public static final int OFFER = 2;
    public static final int REQUEST = 3;
    public static final int ACK = 5;

    /** What a client says of itself: host name, vendor class and parameter request list (its fingerprint). */
    public record Client(byte[] mac, String hostName, String vendorClass, byte[] parameterRequestList) {
    }

    private Dhcp() {
    }

    /** A client message; {@code requested} and {@code server} go into options 50 and 54 when not null. */
    public static byte[] fromClient(int type, int xid, Client c, InetAddress clientAddress, InetAddress requested,
                                    InetAddress server) {
        Bytes options = new Bytes().u8(53).u8(1).u8(type).u8(61).u8(7).u8(1).put(c.mac());
        if (requested != null) {
            options.u8(50).u8(4).put(requested.getAddress());
        }
        if (server != null) {
            options.u8(54).u8(4).put(server.getAddress());
        }
        options.u8(12).u8(c.hostName().length()).ascii(c.hostName());
        options.u8(60).u8(c.vendorClass().length()).ascii(c.vendorClass());
        options.u8(55).u8(c.parameterRequestList().length).put(c.parameterRequestList()).u8(255);
        return message(1, xid, c.mac(), clientAddress, null, null, options.bytes());
    }

    /** The server's OFFER or ACK through the router, which relays as {@code relay}. */
    public static byte[] fromServer(int type, int xid, byte[] clientMac, InetAddress assigned, InetAddress server,
                                    InetAddress router, InetAddress dns, int leaseSeconds) {
        Bytes options = new Bytes().u8(53).u8(1).u8(type).u8(54).u8(4).put(server.getAddress()).u8(51).u8(4).u32(leaseSeconds)
                .u8(1).u8(4).put(new byte[] {(byte) 255, (byte) 255, (byte) 255, 0}).u8(3).u8(4).put(router.getAddress())
                .u8(6).u8(4).put(dns.getAddress()).u8(15).u8(16).ascii("scan.airport.lan").u8(255);
        return message(2, xid, clientMac, null, assigned, router, options.bytes());
    }

    private static byte[] message(int op, int xid, byte[] mac, InetAddress ciaddr, InetAddress yiaddr, InetAddress giaddr,
                                  byte[] options) {
        Bytes b = new Bytes().u8(op).u8(1).u8(6).u8(0).u32(xid & 0xffffffffL).u16(0).u16(op == 1 && ciaddr == null ? 0x8000 : 0)
                .put(address(ciaddr)).put(address(yiaddr)).put(new byte[4]).put(address(giaddr)).put(mac).zeros(10).zeros(64)
                .zeros(128).u32(0x63825363L).put(options);
        while (b.size() < 300) {
            b.u8(0);
        }
        return b.bytes();
    }

    private static byte[] address(InetAddress a) {
        return a == null ? new byte[4] : a.getAddress();
    }
}
