package io.telltale.testdata.scenario;

import io.telltale.testdata.payload.Dns;
import io.telltale.testdata.payload.Tls;
import io.telltale.testdata.wire.Frame;
import io.telltale.testdata.wire.Link;
import io.telltale.testdata.wire.TcpConnection;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One conversation being written: its start, its own random stream, and the frames it makes (any
 * order; they are sorted when the conversation is done). Helpers open TCP connections, send UDP and
 * ICMP, look names up at the site resolver, and run TLS handshakes.
 */
public final class Talk {

    /** Round trips as the monitor sees them: to a server of the site, and to the Internet. */
    public static final long LAN_RTT_NANOS = 400_000;
    public static final long WAN_RTT_NANOS = 38_000_000;
    static final double RETRANSMIT_RATE = 0.002;

    private final Site site;
    private final long startNanos;
    private final Random random;
    private final List<Frame> frames = new ArrayList<>();

    Talk(Site site, long startNanos, Random random) {
        this.site = site;
        this.startNanos = startNanos;
        this.random = random;
    }

    public Site site() {
        return site;
    }

    public long start() {
        return startNanos;
    }

    public Random random() {
        return random;
    }

    public void add(Frame frame) {
        frames.add(frame);
    }

    List<Frame> frames() {
        frames.sort(java.util.Comparator.comparingLong(Frame::timestampNanos));
        return frames;
    }

    /** A client port as the device's operating system picks them (Windows 49152–65535, Linux 32768–60999). */
    public int ephemeralPort(Device device) {
        return device.ttl() == 128 ? 49_152 + random.nextInt(16_384) : 32_768 + random.nextInt(28_232);
    }

    public Link link(Device client, Device server) {
        return site.link(client, server, random.nextInt(65_536));
    }

    public Link link(Device client, InetAddress server) {
        return site.link(client, server, random.nextInt(65_536));
    }

    public TcpConnection tcp(Link link, int clientPort, int serverPort, long atNanos, long roundTripNanos) {
        return new TcpConnection(link, frames, random, clientPort, serverPort, atNanos, roundTripNanos, RETRANSMIT_RATE);
    }

    /** A TCP connection from a device to a site server, opened. */
    public TcpConnection tcp(Device client, Device server, int serverPort, long atNanos) {
        return tcp(link(client, server), ephemeralPort(client), serverPort, atNanos, LAN_RTT_NANOS).open();
    }

    /** A TCP connection from a device to an Internet address, opened. */
    public TcpConnection tcp(Device client, InetAddress server, int serverPort, long atNanos) {
        long rtt = server.isSiteLocalAddress() ? LAN_RTT_NANOS : WAN_RTT_NANOS;
        return tcp(link(client, server), ephemeralPort(client), serverPort, atNanos, rtt).open();
    }

    /**
     * The device asks the site resolver for {@code name} (type A) and gets {@code answer}, or NXDOMAIN
     * when it is null. Returns when the answer arrived.
     */
    public long resolve(Device client, long atNanos, String name, InetAddress answer) {
        return lookup(client, atNanos, name, Dns.A, answer == null ? Dns.NXDOMAIN : Dns.NOERROR,
                answer == null ? List.of() : List.of(Dns.Answer.address(answer, 300)));
    }

    /** Any question and answer through the site resolver; the answer takes a recursive lookup's time. */
    public long lookup(Device client, long atNanos, String name, int type, int rcode, List<Dns.Answer> answers) {
        return lookup(client, ephemeralPort(client), atNanos, name, type, rcode, answers);
    }

    /** The same from a fixed client port (a tunnel tool keeps one socket). */
    public long lookup(Device client, int port, long atNanos, String name, int type, int rcode, List<Dns.Answer> answers) {
        Device resolver = site.device("RESOLVER");
        Link link = link(client, resolver);
        int id = random.nextInt(65_536);
        frames.add(link.udp(atNanos, true, port, 53, Dns.query(id, name, type)));
        long answered = atNanos + 2_000_000 + random.nextInt(40_000_000);
        frames.add(link.udp(answered, false, port, 53, Dns.response(id, name, type, rcode, answers)));
        return answered;
    }

    /**
     * A TLS session on an open connection: the device's ClientHello, the server's TLS 1.2 handshake with
     * {@code chain} (or TLS 1.3 when the chain is empty and the client offers it), then {@code upBytes}
     * of application data from the client answered by {@code downBytes} from the server.
     */
    public void tls(TcpConnection c, Device client, String serverName, List<String> alpn, List<byte[]> chain, int upBytes,
                    int downBytes) {
        Tls.Client stack = client.tlsClient() == Device.TlsClient.WINDOWS_SCHANNEL ? Tls.Client.WINDOWS_SCHANNEL
                : Tls.Client.EMBEDDED_OPENSSL;
        c.clientSends(Tls.clientHello(stack, serverName, alpn, random));
        List<Tls.Step> rest = chain.isEmpty() && stack == Tls.Client.EMBEDDED_OPENSSL ? Tls.tls13Rest(0x1302, random)
                : Tls.tls12Rest(0xc02f, alpn.isEmpty() ? null : alpn.getFirst(), chain, random);
        for (Tls.Step step : rest) {
            if (step.fromClient()) {
                c.clientSends(step.bytes());
            } else {
                c.serverSends(step.bytes());
            }
        }
        if (upBytes > 0) {
            c.clientSends(Tls.applicationData(upBytes, random));
        }
        if (downBytes > 0) {
            c.serverSends(Tls.applicationData(downBytes, random));
        }
    }
}
