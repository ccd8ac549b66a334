package io.telltale.testdata.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowMeter;
import io.telltale.capture.flow.StreamHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.testdata.ReferenceCorpus;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hot path's rule, checked cheaply on every build: once flows exist, decoding a packet and
 * updating its flow allocates nothing. Real packets (a DNS tunnel that is one long flow) are replayed
 * with shifted timestamps so the flow lives on, and the thread's allocated bytes are read before and
 * after. This asserts bytes, not time; the JMH benchmark reports the same figure with -prof gc.
 */
class SteadyStateAllocationTest {

    record Packet(long timestampNanos, int wireLength, MemorySegment frame, int linkType) {
    }

    @Test
    void decodeAndFlowUpdateAllocateNothingPerPacket() {
        List<Packet> packets = new ArrayList<>();
        for (String name : List.of("ndpi__dns-tunnel-iodine.pcap")) {
            List<Packet> file = new ArrayList<>();
            try (PacketSource source = CaptureFiles.open(ReferenceCorpus.load().capture(name).path())) {
                while (source.poll((ts, wire, data, offset, length, link) -> file.add(new Packet(ts, wire,
                        MemorySegment.ofArray(data.asSlice(offset, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)), link)),
                        64) != PacketSource.END_OF_INPUT) {
                    // load all
                }
            }
            // Each capture starts at time zero, so the two play side by side as one site.
            long start = file.getFirst().timestampNanos();
            file.forEach(p -> packets.add(new Packet(p.timestampNanos() - start, p.wireLength(), p.frame(), p.linkType())));
        }
        long first = packets.stream().mapToLong(Packet::timestampNanos).min().orElseThrow();
        long last = packets.stream().mapToLong(Packet::timestampNanos).max().orElseThrow();
        long[] flows = {0};
        FlowMeter meter = new FlowMeter(FlowConfig.DEFAULTS, record -> flows[0]++, StreamHandler.NONE);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int passes = 40;
        long measuredPackets = 0;
        long allocated = 0;
        for (int pass = 0; pass < passes; pass++) {
            // Each pass is placed right after the previous one, so no flow goes idle between passes.
            long shift = (long) pass * (last - first + 1_000_000L);
            long before = threads.getCurrentThreadAllocatedBytes();
            for (Packet p : packets) {
                meter.onPacket(p.timestampNanos() - first + shift, p.wireLength(), p.frame(), 0, (int) p.frame().byteSize(), p.linkType());
            }
            long after = threads.getCurrentThreadAllocatedBytes();
            if (pass >= passes / 2) {
                allocated += after - before;
                measuredPackets += packets.size();
            }
        }
        assertThat(meter.stats().flowsCreated()).as("the flow lives on across passes").isEqualTo(1);
        double perPacket = (double) allocated / measuredPackets;
        System.out.printf("steady state: %d packets replayed, %d bytes allocated (%.3f B/packet), %d flows live, %d created, %d records%n",
                measuredPackets, allocated, perPacket, meter.liveFlows(), meter.stats().flowsCreated(), flows[0]);
        assertThat(perPacket).as("bytes allocated per packet in steady state").isLessThan(1.0);
    }
}
