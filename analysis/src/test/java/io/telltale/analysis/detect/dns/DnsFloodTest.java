package io.telltale.analysis.detect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.detect.DetectionSink;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Detectors;
import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.analysis.policy.Policy;
import io.telltale.analysis.policy.PolicyLoader;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.LocalNetworks;
import io.telltale.testdata.payload.Dns;
import io.telltale.testdata.wire.Frame;
import io.telltale.testdata.wire.Link;
import io.telltale.testdata.wire.TcpConnection;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A DNS flood with random names from random clients (400,000 exchanges, more than any table here
 * may hold): the passive-DNS table and the tunnel detector's name sets stop at their bounds and say what
 * they shed, the flow table stays at its cap, and a scanner of the example site that phones home in
 * the middle of the flood is still seen and alerted on.
 */
class DnsFloodTest {

    static final int EXCHANGES = Integer.getInteger("flood.exchanges", 400_000);

    @Test
    void aFloodOfRandomNamesStaysWithinItsBoundsAndThePolicyDevicesAreStillWatched() throws Exception {
        Policy policy = PolicyLoader.load(Path.of("../examples/site-policy.yaml"));
        List<Detector> detectors = Detectors.all(policy);
        DnsLessConnectionDetector passiveDns = find(detectors, DnsLessConnectionDetector.class);
        DnsTunnelDetector tunnels = find(detectors, DnsTunnelDetector.class);
        List<Alert> alerts = new ArrayList<>();
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS.withMaxFlows(16_384)
                .withWatched(LocalNetworks.parse(List.of("10.20.30.0/24"))), BuiltInProtocols.ALL,
                new DetectionSink((MonitorEvent e) -> {
                    if (e instanceof Alert a) {
                        alerts.add(a);
                    }
                }, detectors, policy));
        Random random = new Random(3);
        InetAddress resolver = InetAddress.getByName("10.20.40.53");
        long now = 1_772_500_000_000_000_000L;
        long heapBefore = heapAfterGc();
        for (int i = 0; i < EXCHANGES; i++) {
            now += 2_000; // half a million exchanges a second
            InetAddress client = InetAddress.getByAddress(new byte[] {100, (byte) random.nextInt(256), (byte) random.nextInt(256),
                    (byte) (1 + random.nextInt(254))});
            Link link = new Link(new byte[] {2, 0, 0, 0, 0, 9}, new byte[] {2, 0, 0, 0, 0, 53}, client, resolver, 64, 64, -1, i);
            String name = Long.toHexString(random.nextLong()) + ".flood" + random.nextInt(50) + ".example";
            int port = 1024 + random.nextInt(60_000);
            send(pipeline, link.udp(now, true, port, 53, Dns.query(i & 0xffff, name, 1)));
            byte[] answer = new byte[] {(byte) (1 + random.nextInt(223)), (byte) random.nextInt(256), (byte) random.nextInt(256),
                    (byte) random.nextInt(256)};
            send(pipeline, link.udp(now + 500, false, port, 53, Dns.response(i & 0xffff, name, 1, 0,
                    List.of(Dns.Answer.address(InetAddress.getByAddress(answer), 60)))));
            if (i == EXCHANGES / 2) {
                scannerPhonesHome(pipeline, now);
            }
        }
        pipeline.finish();
        long heapAfter = heapAfterGc();
        System.out.printf("DNS flood of %,d exchanges: heap %,d -> %,d MB; passive DNS holds %,d answers (%,d clients shed); "
                + "tunnel detector holds %,d names%n", EXCHANGES, heapBefore >> 20, heapAfter >> 20, passiveDns.storedAddresses(),
                passiveDns.clientsShed(), tunnels.storedNames());
        assertThat(passiveDns.storedAddresses()).isLessThanOrEqualTo(DnsLessConnectionDetector.MAX_ADDRESSES);
        assertThat(passiveDns.clientsShed()).as("what it shed, counted").isPositive();
        assertThat(tunnels.storedNames()).isLessThanOrEqualTo(DnsTunnelDetector.MAX_NAMES);
        assertThat(alerts).as("the scanner's phone-home, alerted on during the flood")
                .anyMatch(a -> a.deviceAddress().equals("10.20.30.11") && "203.0.113.77".equals(a.remoteAddress()));
    }

    /** 10.20.30.11, a scanner of the example site, opens SSH to an undeclared Internet address. */
    static void scannerPhonesHome(AnalysisPipeline pipeline, long now) throws Exception {
        Link link = new Link(new byte[] {0, 0x0b, (byte) 0xab, 0x5c, 0x11, 0x01}, new byte[] {0, 0x1b, 0x21, 0, 0, 1},
                InetAddress.getByName("10.20.30.11"), InetAddress.getByName("203.0.113.77"), 64, 52, -1, 100);
        List<Frame> frames = new ArrayList<>();
        TcpConnection c = new TcpConnection(link, frames, new Random(1), 51000, 22, now, 1_000_000L, 0).open();
        c.clientSends("SSH-2.0-OpenSSH_9.6\r\n".getBytes()).serverSends("SSH-2.0-OpenSSH_9.2\r\n".getBytes());
        c.close(true);
        for (Frame f : frames) {
            send(pipeline, f);
        }
    }

    static void send(AnalysisPipeline pipeline, Frame f) {
        pipeline.onPacket(f.timestampNanos(), f.bytes().length, MemorySegment.ofArray(f.bytes()), 0, f.bytes().length, 1);
    }

    static <T> T find(List<Detector> detectors, Class<T> type) {
        return detectors.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
