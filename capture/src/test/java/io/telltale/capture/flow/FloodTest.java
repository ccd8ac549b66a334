package io.telltale.capture.flow;

import static io.telltale.capture.Frames.ipv4;
import static io.telltale.capture.Frames.tcp;
import static io.telltale.capture.Frames.udp;
import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.capture.Frames;
import io.telltale.capture.decode.LinkType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Floods an adversary on the mirrored network can send to blind the monitor. Millions of flows from
 * random sources: the flow table stays at its cap (memory is bounded by construction), what it pushed
 * out is counted, and the flows a policy device started are kept through the flood — whole, one
 * record, every byte counted — while unknown sources' flows give way. Fragments that never complete
 * are refused past the fragment table's bound, and counted; a stream whose hole never fills takes no
 * more than the reassembly budget.
 */
class FloodTest {

    static final long SECOND = 1_000_000_000L;
    static final int MAX_FLOWS = 4096;
    static final int FLOOD = 2_000_000;

    @Test
    void aFloodOfRandomSourcesPushesOutOnlyUnknownFlows() {
        long heapBefore = heapAfterGc();
        Outcome watched = floodAround(LocalNetworks.parse(List.of("10.20.30.0/24")));
        System.out.printf("SYN/UDP flood of %,d packets from random sources: heap %,d -> %,d MB with the table at its "
                + "%,d-flow cap; %,d flows evicted, %d of them watched%n", FLOOD, heapBefore >> 20, heapAfterGc() >> 20,
                MAX_FLOWS, watched.meter().stats().evictions(), watched.meter().stats().watchedEvictions());
        assertThat(watched.deviceRecords()).as("the device's flows, watched: each one record, ended by the input's end")
                .hasSize(2).allSatisfy(r -> assertThat(r.endReason()).isEqualTo(FlowEndReason.END_OF_INPUT));
        // every packet: the check-in's 40 datagrams, the session's SYN and 40 segments
        assertThat(watched.deviceRecords().stream().mapToLong(FlowRecord::originatorPackets).sum()).isEqualTo(81);
        assertThat(watched.meter().stats().watchedEvictions()).isZero();
    }

    @Test
    void withoutWatchingTheSameFloodWouldCutTheDevicesFlows() {
        // the control: the same flood with no network watched evicts the device's flows, and splits them
        assertThat(floodAround(LocalNetworks.NONE).deviceRecords().size()).isGreaterThan(2);
    }

    @Test
    void aFragmentFloodIsHeldWithinItsTableAndCounted() {
        long heapBefore = heapAfterGc();
        FlowMeter meter = new FlowMeter(FlowConfig.DEFAULTS, record -> { }, StreamHandler.NONE);
        Random random = new Random(5);
        long now = SECOND;
        for (int i = 0; i < 500_000; i++) {
            now += 1_000;
            // first fragments that never get their rest: each would hold a datagram open until its timeout
            String source = "100." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            send(meter, now, io.telltale.capture.Frames.ipv4(source, "10.20.30.11", 17, random.nextInt(65536), 0, true,
                    new byte[64]));
        }
        long heapFlooded = heapAfterGc();
        meter.finish();
        long refused = meter.decodeStats().count(io.telltale.capture.decode.DecodeAnomaly.FRAGMENT_TABLE_FULL);
        System.out.printf("fragment flood of 500,000 first fragments: heap %,d -> %,d MB (the table's %,d pooled 64 KiB "
                + "datagram buffers, allocated once); %,d refused past them%n", heapBefore >> 20, heapFlooded >> 20,
                FragmentConfig().maxDatagrams(), refused);
        assertThat(refused).as("fragments refused once %d datagrams were open", FragmentConfig().maxDatagrams())
                .isGreaterThan(400_000);
    }

    @Test
    void anEndlessOutOfOrderStreamUsesNoMoreThanItsReassemblyBudget() {
        FlowMeter meter = new FlowMeter(FlowConfig.DEFAULTS, record -> { }, StreamHandler.NONE);
        long now = SECOND;
        send(meter, now, ipv4("203.0.113.9", "10.20.30.11", 6, tcp(443, 40000, 1000, 0, 0x02, new byte[0])));
        send(meter, now, ipv4("10.20.30.11", "203.0.113.9", 6, tcp(40000, 443, 5000, 1001, 0x12, new byte[0])));
        // segments always past a hole that never fills: each would wait for it
        for (int i = 0; i < 200_000; i++) {
            now += 1_000;
            send(meter, now, ipv4("203.0.113.9", "10.20.30.11", 6, tcp(443, 40000, 1001 + 1400 + i * 1400, 5001, 0x18,
                    new byte[1400])));
        }
        var budget = meter.reassemblyBudget();
        System.out.printf("out-of-order stream of 200,000 segments past a hole: %,d bytes of reassembly buffers taken "
                + "(budget %,d)%n", budget.bytesAllocated(),
                (long) FlowConfig.DEFAULTS.reassemblyWindowBytes() * FlowConfig.DEFAULTS.reassemblyBuffers());
        assertThat(budget.bytesAllocated()).as("the buffers out-of-order data may take")
                .isLessThanOrEqualTo((long) FlowConfig.DEFAULTS.reassemblyWindowBytes() * FlowConfig.DEFAULTS.reassemblyBuffers());
        meter.finish();
    }

    static io.telltale.capture.decode.fragment.FragmentConfig FragmentConfig() {
        return FlowConfig.DEFAULTS.fragments();
    }

    record Outcome(List<FlowRecord> deviceRecords, FlowMeter meter) {
    }

    /**
     * A scanner's UDP check-in to its vendor and a TCP session of its own run through a flood of UDP
     * and SYN packets from random sources; every 50,000 flood packets both of the device's flows send
     * again (so they are not idle, only older than the flood).
     */
    static Outcome floodAround(LocalNetworks watched) {
        List<FlowRecord> records = new ArrayList<>();
        // only the device's records are kept: the flood's million would be the test's memory, not the meter's
        FlowMeter meter = new FlowMeter(FlowConfig.DEFAULTS.withMaxFlows(MAX_FLOWS).withWatched(watched), r -> {
            if (r.originatorHost().equals("10.20.30.11")) {
                records.add(r);
            }
        }, StreamHandler.NONE);
        byte[] checkIn = ipv4("10.20.30.11", "198.51.100.7", 17, udp(40000, 8443, new byte[32]));
        int seq = 1000;
        long now = SECOND;
        send(meter, now, ipv4("10.20.30.11", "203.0.113.45", 6, tcp(50000, 443, seq, 0, 0x02, new byte[0])));
        send(meter, now, ipv4("203.0.113.45", "10.20.30.11", 6, tcp(443, 50000, 5000, seq + 1, 0x12, new byte[0])));
        seq++;
        Random random = new Random(42);
        int deviceRounds = 0;
        for (int i = 0; i < FLOOD; i++) {
            now += 1_000; // a million packets a second
            if (i % 50_000 == 0 && deviceRounds < 39) {
                send(meter, now, checkIn);
                send(meter, now, ipv4("10.20.30.11", "203.0.113.45", 6, tcp(50000, 443, seq, 5001, 0x18, new byte[100])));
                seq += 100;
                deviceRounds++;
            }
            String source = "100." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            send(meter, now, random.nextBoolean() ? ipv4(source, "10.20.30.11", 17, udp(random.nextInt(65536), 53, new byte[8]))
                    : ipv4(source, "10.20.30.11", 6, tcp(random.nextInt(65536), 80, random.nextInt(), 0, 0x02, new byte[0])));
            assertThat(meter.liveFlows()).isLessThanOrEqualTo(MAX_FLOWS);
        }
        send(meter, now, checkIn);
        send(meter, now, ipv4("10.20.30.11", "203.0.113.45", 6, tcp(50000, 443, seq, 5001, 0x18, new byte[100])));
        meter.finish();
        assertThat(meter.stats().evictions()).as("the flood was shed, and counted").isGreaterThan(FLOOD / 2);
        return new Outcome(records, meter);
    }

    static long heapAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void send(FlowMeter meter, long nanos, byte[] ip) {
        meter.onPacket(nanos, ip.length, Frames.segment(ip), 0, ip.length, LinkType.RAW);
    }
}
