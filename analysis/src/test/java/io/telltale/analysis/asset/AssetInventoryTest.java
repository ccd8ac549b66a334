package io.telltale.analysis.asset;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.detect.DetectionSink;
import io.telltale.analysis.detect.Detectors;
import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.AssetChange;
import io.telltale.analysis.event.DhcpRecord;
import io.telltale.analysis.pipeline.AnalysisPipeline;
import io.telltale.analysis.policy.Policy;
import io.telltale.analysis.policy.PolicyLoader;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The inventory of the example screening day, and the changes it reports. */
class AssetInventoryTest {

    static final Path EXAMPLE = Path.of("../examples/screening-day.pcap");

    static final String POLICY = """
            groups:
              scanners: {cidr: [10.20.30.0/24]}
              advantech-pcs: {oui: ["00:0b:ab"]}
              xray-by-name: {name: ["XR-*"]}
              kontron: {vendor: [kontron]}
              analogic: {oui: ["00:1a:aa"]}
            """;

    @Test
    void theExampleDayGivesEachSiteDeviceWithWhatItIsAndDoes() throws Exception {
        Policy policy = PolicyLoader.parse("p.yaml", POLICY);
        List<AssetChange> changes = new ArrayList<>();
        DetectionSink sink = new DetectionSink(e -> {
            if (e instanceof AssetChange c) {
                changes.add(c);
            }
        }, Detectors.all(policy), policy, OuiRegistry.bundled());
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS, BuiltInProtocols.ALL, sink);
        try (PacketSource source = CaptureFiles.open(EXAMPLE)) {
            while (source.poll(pipeline, 256) != PacketSource.END_OF_INPUT) {
                // to the end
            }
        }
        pipeline.finish();
        Map<String, Asset> assets = sink.inventory().assets().stream().collect(Collectors.toMap(Asset::address, Function.identity()));

        // the dual-view X-ray took its address by DHCP: MAC, maker, name, vendor class, fingerprint, groups by all three rules
        Asset xray = assets.get("10.20.30.12");
        assertThat(xray.mac()).isEqualTo("00:0b:ab:5c:12:02");
        assertThat(xray.vendor()).isEqualTo("Advantech Technology (CHINA) Co., Ltd.");
        assertThat(xray.hostName()).isEqualTo("XR-L2");
        assertThat(xray.vendorClass()).isEqualTo("MSFT 5.0");
        assertThat(xray.dhcpParameters()).startsWith(1, 3, 6, 15);
        assertThat(xray.groups()).containsExactly("scanners", "advantech-pcs", "xray-by-name");
        assertThat(xray.bytesSentPerDay()).containsOnlyKeys("2026-03-02");
        assertThat(xray.bytesSentPerDay().get("2026-03-02")).isPositive().isLessThanOrEqualTo(xray.bytesSent());
        assertThat(assets.get("10.20.30.31").groups()).containsExactly("scanners", "kontron");
        // the CT has a static address: its MAC comes from its ARP, and places it in the group of its maker's prefix
        Asset ct = assets.get("10.20.30.11");
        assertThat(ct.mac()).isEqualTo("00:1a:aa:07:31:11");
        assertThat(ct.vendor()).isEqualTo("Analogic Corp.");
        assertThat(ct.groups()).containsExactly("scanners", "analogic");

        // the image server: offers DICOM on 11112 as CIP_SRV and starts nothing
        Asset images = assets.get("10.20.40.10");
        assertThat(images.services()).containsExactly("dicom/11112");
        assertThat(images.aeTitles()).containsExactly("CIP_SRV");
        assertThat(images.flowsStarted()).isZero();
        assertThat(images.flowsAnswered()).isGreaterThan(2000);
        assertThat(assets.get("10.20.40.53").services()).contains("dns/53", "dhcp/67");

        // only site addresses: no Internet end, no broadcast
        assertThat(assets).doesNotContainKeys("203.0.113.45", "198.51.100.20", "255.255.255.255", "0.0.0.0");

        // one new-device per asset, and the services as they first answered
        assertThat(changes.stream().filter(c -> c.kind().equals("new-device")).map(AssetChange::address))
                .containsExactlyInAnyOrderElementsOf(assets.keySet());
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo("new-service");
            assertThat(c.address()).isEqualTo("10.20.40.10");
            assertThat(c.after()).isEqualTo("dicom/11112");
        });
    }

    @Test
    void anAddressThatMovesToAnotherMacOrNameIsReported() {
        List<AssetChange> changes = new ArrayList<>();
        AssetInventory inventory = new AssetInventory(Policy.empty(), OuiRegistry.bundled(), changes::add);
        inventory.accept(ack("00:1a:aa:00:00:01", "CT-L1", 1));
        inventory.accept(ack("00:1a:aa:00:00:01", "CT-L1", 2));
        inventory.accept(ack("02:00:00:00:00:99", "kali", 3));
        assertThat(changes).extracting(AssetChange::kind).containsExactly("new-device", "new-mac", "new-name");
        assertThat(changes.get(1).before()).isEqualTo("00:1a:aa:00:00:01");
        assertThat(changes.get(1).after()).isEqualTo("02:00:00:00:00:99");
        assertThat(inventory.assets().getFirst().vendor()).isNull(); // a locally administered MAC has no maker
    }

    /**
     * One MAC claiming 100,000 addresses (an ARP flood with spoofed senders): each asset lists at most
     * 16 others, and the listing is linear — the old one made 100,000 lists of 100,000 addresses.
     */
    @Test
    void aMacClaimingAHundredThousandAddressesListsAFewOfThem() {
        AssetInventory inventory = new AssetInventory(Policy.empty(), OuiRegistry.bundled(), change -> { });
        for (int i = 0; i < AssetInventory.MAX_ASSETS; i++) {
            inventory.accept(new io.telltale.analysis.event.ArpRecord(-1, i, "172." + (16 + i / 254 / 256) + "." + (i / 254 % 256)
                    + "." + (1 + i % 254), 0, null, 0, "02:66:00:00:00:01", 2));
        }
        List<Asset> assets = inventory.assets();
        assertThat(assets).hasSize(AssetInventory.MAX_ASSETS).allSatisfy(a -> assertThat(a.otherAddresses())
                .hasSize(AssetInventory.MAX_SAME_MAC).doesNotContain(a.address()));
    }

    @Test
    void eachArpBindingIsSaidOnceAndAgainWhenItChanges() {
        List<io.telltale.analysis.event.ArpRecord> said = new ArrayList<>();
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS, BuiltInProtocols.ALL, e -> {
            if (e instanceof io.telltale.analysis.event.ArpRecord a) {
                said.add(a);
            }
        });
        for (int i = 0; i < 1000; i++) {
            pipeline.onArp(i, 0x001aaa073111L, 0x0a141e0b, 0x0a141e01, 2);
        }
        pipeline.onArp(2000, 0x020000000099L, 0x0a141e0b, 0x0a141e01, 2); // someone else claims the CT's address
        pipeline.onArp(2001, 0x020000000099L, 0, 0x0a141e0b, 1); // a probe claims nothing
        assertThat(said).extracting(io.telltale.analysis.event.ArpRecord::mac).containsExactly("00:1a:aa:07:31:11",
                "02:00:00:00:00:99");
        assertThat(said.getFirst().senderAddress()).isEqualTo("10.20.30.11");
        List<AssetChange> changes = new ArrayList<>();
        AssetInventory inventory = new AssetInventory(Policy.empty(), OuiRegistry.bundled(), changes::add);
        said.forEach(inventory::accept);
        assertThat(changes).extracting(AssetChange::kind).containsExactly("new-device", "new-mac");
    }

    @Test
    void anIpv6NeighbourAdvertisementGivesTheMacOfItsTarget(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.net.InetAddress eds = java.net.InetAddress.getByName("2001:db8:20:30::21");
        java.net.InetAddress router = java.net.InetAddress.getByName("fe80::1");
        Path pcap = dir.resolve("na.pcap");
        try (var out = new io.telltale.testdata.wire.PcapFileWriter(pcap)) {
            for (int i = 0; i < 3; i++) {
                byte[] mac = i < 2 ? new byte[]{0x00, 0x30, 0x59, 0x2e, 0x21, 0x01} : new byte[]{0x02, 0, 0, 0, 0, 0x66};
                byte[] body = java.nio.ByteBuffer.allocate(24).put(eds.getAddress()).put((byte) 2).put((byte) 1).put(mac).array();
                byte[] icmp = io.telltale.testdata.wire.Headers.icmp(eds, router, 136, 0, 0x6000, 0, body);
                byte[] ip = io.telltale.testdata.wire.Headers.ip(eds, router, 58, 255, 0, icmp);
                out.write(new io.telltale.testdata.wire.Frame(1_000_000_000L * (i + 1),
                        io.telltale.testdata.wire.Headers.ethernet(new byte[]{0x33, 0x33, 0, 0, 0, 1}, mac, -1, 0x86dd, ip)));
            }
        }
        List<io.telltale.analysis.event.ArpRecord> said = new ArrayList<>();
        AnalysisPipeline pipeline = new AnalysisPipeline(FlowConfig.DEFAULTS, BuiltInProtocols.ALL, e -> {
            if (e instanceof io.telltale.analysis.event.ArpRecord a) {
                said.add(a);
            }
        });
        try (PacketSource source = CaptureFiles.open(pcap)) {
            while (source.poll(pipeline, 16) != PacketSource.END_OF_INPUT) {
                // to the end
            }
        }
        pipeline.finish();
        assertThat(said).extracting(a -> a.senderAddress() + " " + a.mac())
                .containsExactly("2001:db8:20:30::21 00:30:59:2e:21:01", "2001:db8:20:30::21 02:00:00:00:00:66");
    }

    private static DhcpRecord ack(String mac, String name, long t) {
        return new DhcpRecord(t, t, "10.20.30.1", 67, "10.20.30.11", 68, false, 7, 5, mac, "0.0.0.0", "10.20.30.11", null,
                "10.20.40.53", name, null, null, 3600, null, null, null, List.of());
    }
}
