package io.telltale.capture.flow;

import java.util.BitSet;

/**
 * Ports on which servers usually listen (Zeek's {@code likely_server_ports}): they decide who the
 * originator is when a connection is seen without its first packet, or a UDP reply comes first.
 */
public final class ServerPorts {

    /** The ports Zeek's default analyzers register, TCP. */
    static final int[] TCP_DEFAULTS = {
        21, 22, 23, 25, 53, 80, 81, 88, 110, 135, 137, 139, 143, 389, 443, 445, 502, 563, 585, 587, 614, 631, 636,
        750, 989, 990, 992, 993, 995, 1080, 1434, 1883, 2811, 3128, 3306, 3389, 5060, 5222, 5223, 5269, 5432, 6379,
        6666, 6667, 6668, 6669, 8000, 8080, 8888, 20000
    };

    /** The ports Zeek's default analyzers register, UDP. */
    static final int[] UDP_DEFAULTS = {
        53, 67, 69, 88, 123, 137, 161, 162, 443, 500, 514, 750, 1812, 2123, 2152, 3544, 4500, 4789, 5060, 5072,
        5353, 5355, 6081, 20000
    };

    public static final ServerPorts ZEEK_DEFAULT = new ServerPorts(TCP_DEFAULTS, UDP_DEFAULTS);

    private final BitSet tcp = new BitSet(65536);
    private final BitSet udp = new BitSet(65536);

    public ServerPorts(int[] tcpPorts, int[] udpPorts) {
        for (int port : tcpPorts) {
            tcp.set(port);
        }
        for (int port : udpPorts) {
            udp.set(port);
        }
    }

    public boolean tcp(int port) {
        return tcp.get(port);
    }

    public boolean udp(int port) {
        return udp.get(port);
    }
}
