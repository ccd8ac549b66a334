package io.telltale.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.asset.Asset;
import io.telltale.analysis.asset.OuiRegistry;
import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.AssetChange;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.analysis.policy.Policy;
import io.telltale.analysis.policy.PolicyLoader;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.LocalNetworks;
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
 * A SYN flood from spoofed sources of the site's own private ranges (one attacker's MAC, a million
 * made-up addresses, each to a random Internet address and port, over an hour) through the whole
 * detection path: flow table, asset inventory and every policy detector. The inventory fills to its
 * bound and counts the rest; memory stays within the tables' bounds. A scanner of the example site that appears
 * only after the inventory is full, and beacons to an undeclared address every minute during the
 * flood, is still inventoried and still alerted on, for the undeclared peer and for the beacon.
 */
class ConnectionFloodTest {

    static final int SYNS = Integer.getInteger("flood.syns", 1_200_000);
    static final long T0 = 1_772_500_000_000_000_000L;
    static final long HOUR = 3_600_000_000_000L;

    @Test
    void aSpoofedSynFloodStaysWithinBoundsAndThePolicyDeviceIsStillWatched() throws Exception {
        Policy policy = PolicyLoader.load(Path.of("../examples/site-policy.yaml"));
        List<Alert> alerts = new ArrayList<>();
        long[] newDevices = new long[1];
        DetectionSink detection = new DetectionSink((MonitorEvent e) -> {
            if (e instanceof Alert a) {
                alerts.add(a);
            } else if (e instanceof AssetChange c && c.kind().equals("new-device")) {
                newDevices[0]++;
            }
        }, Detectors.all(policy), policy, OuiRegistry.bundled());
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS.withMaxFlows(16_384)
                .withWatched(LocalNetworks.parse(List.of("10.20.30.0/24"))), BuiltInProtocols.ALL, detection);
        Random random = new Random(11);
        byte[] attackerMac = {2, 0x66, 0, 0, 0, 1};
        byte[] gatewayMac = {0, 0x1b, 0x21, 0, 0, 1};
        long heapBefore = heapAfterGc();
        long step = HOUR / SYNS;
        long nextBeacon = T0 + HOUR / 6; // the scanner first speaks after 200,000 spoofed sources: the inventory is full
        int beacons = 0;
        long now = T0;
        for (int i = 0; i < SYNS; i++) {
            now += step;
            InetAddress source = InetAddress.getByAddress(new byte[] {(byte) 172, (byte) (16 + random.nextInt(16)),
                    (byte) random.nextInt(256), (byte) (1 + random.nextInt(254))});
            InetAddress target = InetAddress.getByAddress(new byte[] {(byte) (1 + random.nextInt(9)), (byte) random.nextInt(256),
                    (byte) random.nextInt(256), (byte) (1 + random.nextInt(254))});
            Link link = new Link(attackerMac, gatewayMac, source, target, 64, 52, -1, i);
            send(pipeline, link.raw(now, true, 6, syn(1024 + random.nextInt(60_000), 1 + random.nextInt(65_535), random.nextInt())));
            if (now >= nextBeacon) {
                scannerChecksIn(pipeline, now, beacons++);
                nextBeacon += 60_000_000_000L;
            }
        }
        pipeline.finish();
        detection.finish(now);
        long heapAfter = heapAfterGc();
        List<Asset> assets = detection.inventory().assets();
        long heapListed = heapAfterGc();
        System.out.printf("SYN flood of %,d spoofed sources over an hour: heap %,d -> %,d MB (%,d MB with the inventory listed); "
                + "inventory %,d devices, %,d not kept; %,d new-device changes; %,d alerts, %,d repeats, %,d suppressed; "
                + "the scanner checked in %d times%n", SYNS, heapBefore >> 20, heapAfter >> 20, heapListed >> 20, assets.size(),
                detection.inventory().overflow(), newDevices[0], detection.alerts(), detection.repeats(), detection.suppressed(), beacons);

        assertThat(assets.size()).as("the inventory stops at its bound (the scanner past it)").isEqualTo(100_001);
        assertThat(detection.inventory().overflow()).as("the rest counted").isGreaterThan(500_000);
        assertThat(assets).as("the scanner, met after the inventory was full, is kept").anySatisfy(a -> {
            assertThat(a.address()).isEqualTo("10.20.30.11");
            assertThat(a.groups()).contains("scanners");
        });
        assertThat(alerts).as("its undeclared peer, alerted during the flood").anyMatch(a -> a.deviceAddress().equals("10.20.30.11")
                && "203.0.113.80".equals(a.remoteAddress()) && a.category().equals("undeclared-peer"));
        assertThat(alerts).as("and its beacon").anyMatch(a -> "10.20.30.11".equals(a.deviceAddress())
                && "203.0.113.80".equals(a.remoteAddress()) && a.category().equals("beaconing"));
        assertThat(heapAfter - heapBefore).as("memory within the tables' bounds").isLessThan(1L << 30);
    }

    /** A SYN: ports, sequence number, data offset 5, window 64240; checksum left at zero. */
    static byte[] syn(int sourcePort, int destinationPort, int sequence) {
        return new byte[] {(byte) (sourcePort >>> 8), (byte) sourcePort, (byte) (destinationPort >>> 8), (byte) destinationPort,
                (byte) (sequence >>> 24), (byte) (sequence >>> 16), (byte) (sequence >>> 8), (byte) sequence, 0, 0, 0, 0,
                0x50, 0x02, (byte) 0xfa, (byte) 0xf0, 0, 0, 0, 0};
    }

    /** 10.20.30.11, a scanner of the example site, posts 200 bytes to an undeclared Internet address. */
    static void scannerChecksIn(AnalysisPipeline pipeline, long now, int n) throws Exception {
        Link link = new Link(new byte[] {0, 0x0b, (byte) 0xab, 0x5c, 0x11, 0x01}, new byte[] {0, 0x1b, 0x21, 0, 0, 1},
                InetAddress.getByName("10.20.30.11"), InetAddress.getByName("203.0.113.80"), 64, 52, -1, 100 + n);
        List<Frame> frames = new ArrayList<>();
        TcpConnection c = new TcpConnection(link, frames, new Random(n), 40_000 + n, 8443, now, 1_000_000L, 0).open();
        c.clientSends(new byte[200]).serverSends(new byte[40]);
        c.close(true);
        for (Frame f : frames) {
            send(pipeline, f);
        }
    }

    static void send(AnalysisPipeline pipeline, Frame f) {
        pipeline.onPacket(f.timestampNanos(), f.bytes().length, MemorySegment.ofArray(f.bytes()), 0, f.bytes().length, 1);
    }

    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
