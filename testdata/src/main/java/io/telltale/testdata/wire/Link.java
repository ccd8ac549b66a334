package io.telltale.testdata.wire;

import java.net.InetAddress;

/**
 * Two ends of a conversation as a monitor on the client's switch port sees them: the client's MAC
 * and the MAC of the next hop towards the server (the server's own when it is on the same segment,
 * else the router's), both addresses, the TTL each side's packets arrive with, and the VLAN tag.
 * Keeps each side's IPv4 identification counter, as a real stack does.
 */
public final class Link {

    private final byte[] clientMac;
    private final byte[] serverSideMac;
    private final InetAddress client;
    private final InetAddress server;
    private final int clientTtl;
    private final int serverTtl;
    private final int vlan;
    private int clientIpId;
    private int serverIpId;

    public Link(byte[] clientMac, byte[] serverSideMac, InetAddress client, InetAddress server, int clientTtl, int serverTtl,
                int vlan, int firstIpId) {
        if (client.getClass() != server.getClass()) {
            throw new IllegalArgumentException("both ends must be IPv4 or both IPv6: " + client + ", " + server);
        }
        this.clientMac = clientMac.clone();
        this.serverSideMac = serverSideMac.clone();
        this.client = client;
        this.server = server;
        this.clientTtl = clientTtl;
        this.serverTtl = serverTtl;
        this.vlan = vlan;
        this.clientIpId = firstIpId & 0xffff;
        this.serverIpId = (firstIpId * 31 + 7) & 0xffff;
    }

    public InetAddress client() {
        return client;
    }

    public InetAddress server() {
        return server;
    }

    /** A frame carrying an IP packet of this protocol, from the client or from the server. */
    public byte[] frame(boolean fromClient, int protocol, byte[] transport) {
        InetAddress src = fromClient ? client : server;
        InetAddress dst = fromClient ? server : client;
        int id = fromClient ? clientIpId++ : serverIpId++;
        byte[] ip = Headers.ip(src, dst, protocol, fromClient ? clientTtl : serverTtl, id, transport);
        int etherType = client instanceof java.net.Inet6Address ? Headers.ETHERTYPE_IPV6 : Headers.ETHERTYPE_IPV4;
        return fromClient ? Headers.ethernet(serverSideMac, clientMac, vlan, etherType, ip)
                : Headers.ethernet(clientMac, serverSideMac, vlan, etherType, ip);
    }

    public Frame udp(long nanos, boolean fromClient, int clientPort, int serverPort, byte[] payload) {
        byte[] u = fromClient ? Headers.udp(client, server, clientPort, serverPort, payload)
                : Headers.udp(server, client, serverPort, clientPort, payload);
        return new Frame(nanos, frame(fromClient, Headers.PROTO_UDP, u));
    }

    public Frame icmp(long nanos, boolean fromClient, int type, int code, int id, int sequence, byte[] payload) {
        byte[] m = fromClient ? Headers.icmp(client, server, type, code, id, sequence, payload)
                : Headers.icmp(server, client, type, code, id, sequence, payload);
        int protocol = client instanceof java.net.Inet6Address ? Headers.PROTO_ICMPV6 : Headers.PROTO_ICMP;
        return new Frame(nanos, frame(fromClient, protocol, m));
    }

    /** A frame whose IP payload is given whole (an IPv6 packet inside IPv4, protocol 41). */
    public Frame raw(long nanos, boolean fromClient, int protocol, byte[] payload) {
        return new Frame(nanos, frame(fromClient, protocol, payload));
    }
}
