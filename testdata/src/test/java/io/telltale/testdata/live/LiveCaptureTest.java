package io.telltale.testdata.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.flow.FlowMeter;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.capture.flow.StreamHandler;
import io.telltale.capture.source.PacketHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.live.AfPacketConfig;
import io.telltale.capture.source.live.AfPacketSource;
import io.telltale.capture.source.live.CaptureCounters;
import io.telltale.capture.source.live.LibpcapSource;
import io.telltale.capture.source.live.LiveCaptureException;
import io.telltale.testdata.FlowRecords;
import io.telltale.testdata.Recordings;
import io.telltale.testdata.ReferenceCorpus;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live capture for real: reference captures replayed by tcpreplay out of one end of a veth pair,
 * captured at the other end (in a network namespace of the test's own) by each source, and compared
 * with reading the same file offline. Needs root, iproute2 and tcpreplay (CI has them); skipped
 * otherwise.
 */
class LiveCaptureTest {

    static NetnsLab lab;

    @BeforeAll
    static void up() throws Exception {
        assumeTrue(NetnsLab.available(), "live capture needs root, iproute2 and tcpreplay");
        lab = new NetnsLab("live");
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.close();
        }
    }

    /** What one source saw while a capture was replayed. */
    record Captured(List<FlowRecord> flows, long packets, boolean increasing, boolean nanosecond, CaptureCounters counters) {
    }

    /** Opens a source in the capture namespace, replays {@code pcap}, reads until idle, and meters the flows. */
    static Captured capture(Supplier<PacketSource> open, Path pcap) throws Exception {
        return captureAll(List.of(open), pcap).getFirst();
    }

    static List<Captured> captureAll(List<Supplier<PacketSource>> opens, Path pcap) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(opens.size());
        CountDownLatch ready = new CountDownLatch(opens.size());
        AtomicBoolean replayed = new AtomicBoolean();
        List<Future<Captured>> results = new ArrayList<>();
        try {
            for (Supplier<PacketSource> open : opens) {
                results.add(lab.inCaptureAsync(threads, () -> {
                    List<FlowRecord> flows = new ArrayList<>();
                    FlowMeter meter = new FlowMeter(FlowConfig.DEFAULTS, flows::add, StreamHandler.NONE);
                    long[] seen = {0, Long.MIN_VALUE, 0, 0};
                    PacketHandler counting = (ts, wire, data, offset, length, linkType) -> {
                        seen[0]++;
                        if (ts < seen[1]) {
                            seen[2]++;
                        }
                        if (ts % 1000 != 0) {
                            seen[3]++;
                        }
                        seen[1] = Math.max(seen[1], ts);
                        meter.onPacket(ts, wire, data, offset, length, linkType);
                    };
                    try (PacketSource source = open.get()) {
                        ready.countDown();
                        int idleAfterReplay = 0;
                        while (idleAfterReplay < 5) {
                            int n = source.poll(counting, 256);
                            idleAfterReplay = n == 0 && replayed.get() ? idleAfterReplay + 1 : 0;
                        }
                        meter.finish();
                        CaptureCounters counters = source instanceof AfPacketSource a ? a.counters()
                                : ((LibpcapSource) source).counters();
                        return new Captured(flows, seen[0], seen[2] == 0, seen[3] > 0, counters);
                    }
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).as("sources open").isTrue();
            lab.replay(pcap, "--topspeed");
            replayed.set(true);
            List<Captured> captured = new ArrayList<>();
            for (Future<Captured> f : results) {
                captured.add(f.get(30, TimeUnit.SECONDS));
            }
            return captured;
        } finally {
            threads.shutdownNow();
        }
    }

    /** A flow as both readings must agree on: endpoints, counts, state and history (times differ). */
    static List<String> keys(List<FlowRecord> flows) {
        return flows.stream().map(f -> String.join(" ", f.transport(), f.originatorHost(), "" + f.originatorPort(),
                f.responderHost(), "" + f.responderPort(), "" + f.originatorPackets(), "" + f.responderPackets(),
                "" + f.originatorBytes(), "" + f.responderBytes(), f.connState(), f.history(), "" + f.vlan(), "" + f.innerVlan()))
                .sorted().toList();
    }

    static Path reference(String name) {
        return ReferenceCorpus.load().capture(name).path();
    }

    static Supplier<PacketSource> afPacket(AfPacketConfig config) {
        return () -> new AfPacketSource(config);
    }

    static Supplier<PacketSource> libpcap(String filter) {
        return () -> new LibpcapSource("vcap", 262_144, true, filter);
    }

    @Test
    void afPacketCapturesWhatTheFileHolds() throws Exception {
        for (Path pcap : List.of(reference("zeek__wikipedia.pcap"), Recordings.path("dicom-associations.pcap"))) {
            Captured live = capture(afPacket(AfPacketConfig.of("vcap")), pcap);
            assertThat(keys(live.flows())).as(pcap.getFileName().toString()).isEqualTo(keys(FlowRecords.of(pcap)));
            assertThat(live.increasing()).as("timestamps never go back").isTrue();
            assertThat(live.nanosecond()).as("nanosecond timestamps").isTrue();
            assertThat(live.counters().kernelDrops()).isZero();
            assertThat(live.counters().packets()).isEqualTo(live.packets());
        }
    }

    @Test
    void libpcapCapturesWhatTheFileHolds() throws Exception {
        Path pcap = reference("zeek__wikipedia.pcap");
        Captured live = capture(libpcap(null), pcap);
        assertThat(keys(live.flows())).isEqualTo(keys(FlowRecords.of(pcap)));
        assertThat(live.increasing()).isTrue();
        assertThat(live.nanosecond()).isTrue();
        assertThat(live.counters().kernelDrops()).isZero();
    }

    @Test
    void vlanTagsTheKernelStripsArePutBack() throws Exception {
        Path pcap = reference("zeek__q-in-q.pcap");
        Captured live = capture(afPacket(AfPacketConfig.of("vcap")), pcap);
        List<FlowRecord> offline = FlowRecords.of(pcap);
        assertThat(offline).anyMatch(f -> f.vlan() > 0);
        assertThat(keys(live.flows())).isEqualTo(keys(offline));
    }

    @Test
    void bpfFiltersDeliverExactlyTheirPackets() throws Exception {
        Path pcap = reference("zeek__wikipedia.pcap");
        List<FlowRecord> offline = FlowRecords.of(pcap);
        long udp = offline.stream().filter(f -> f.transport().equals("udp"))
                .mapToLong(f -> f.originatorPackets() + f.responderPackets()).sum();
        assertThat(udp).isPositive();
        Captured af = capture(afPacket(AfPacketConfig.of("vcap").withFilter("udp")), pcap);
        Captured pc = capture(libpcap("udp"), pcap);
        assertThat(af.packets()).as("AF_PACKET with \"udp\"").isEqualTo(udp);
        assertThat(pc.packets()).as("libpcap with \"udp\"").isEqualTo(udp);
        assertThat(keys(af.flows())).isEqualTo(keys(offline.stream().filter(f -> f.transport().equals("udp")).toList()));
    }

    @Test
    void fanoutSendsBothDirectionsOfAFlowToTheSameSocket() throws Exception {
        Path pcap = reference("zeek__wikipedia.pcap");
        AfPacketConfig member = AfPacketConfig.of("vcap").withFanout(4242);
        List<Captured> two = captureAll(List.of(afPacket(member), afPacket(member)), pcap);
        List<String> all = new ArrayList<>();
        Set<String> first = new HashSet<>();
        for (FlowRecord f : two.get(0).flows()) {
            first.add(f.communityId());
        }
        for (FlowRecord f : two.get(1).flows()) {
            assertThat(first).as("flow %s seen by both sockets", f.communityId()).doesNotContain(f.communityId());
        }
        two.forEach(c -> all.addAll(keys(c.flows())));
        assertThat(all.stream().sorted().toList()).as("together the sockets saw every flow, whole")
                .isEqualTo(keys(FlowRecords.of(pcap)));
        assertThat(two.get(0).packets()).isPositive();
        assertThat(two.get(1).packets()).as("the hash spread the load").isPositive();
    }

    @Test
    void anIdleSourceReturnsWithinASecond() throws Exception {
        long[] took = lab.inCapture(() -> {
            long[] t = new long[2];
            try (AfPacketSource af = new AfPacketSource(AfPacketConfig.of("vcap").withFilter("udp port 9"))) {
                long start = System.nanoTime();
                t[0] = af.poll((ts, w, d, o, l, lt) -> { }, 64);
                t[1] = System.nanoTime() - start;
            }
            return t;
        });
        assertThat(took[0]).isZero();
        assertThat(took[1]).as("nanoseconds an idle poll took").isLessThan(1_000_000_000L);
    }

    @Test
    void aWrongInterfaceOrFilterIsAClearError() throws Exception {
        String noSuch = lab.inCapture(() -> {
            try {
                new AfPacketSource(AfPacketConfig.of("nosuch0")).close();
                return "opened";
            } catch (LiveCaptureException e) {
                return e.getMessage();
            }
        });
        assertThat(noSuch).contains("nosuch0");
        String badFilter = lab.inCapture(() -> {
            try {
                new AfPacketSource(AfPacketConfig.of("vcap").withFilter("tcp port banana")).close();
                return "opened";
            } catch (LiveCaptureException e) {
                return e.getMessage();
            }
        });
        assertThat(badFilter).contains("tcp port banana").contains("does not compile");
        MemorySegment unused = MemorySegment.NULL;
        assertThat(unused).isNotNull();
    }
}
