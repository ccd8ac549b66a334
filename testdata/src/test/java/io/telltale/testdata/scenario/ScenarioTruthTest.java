package io.telltale.testdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.telltale.capture.flow.FlowRecord;
import io.telltale.testdata.FlowRecords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each scenario's truth file against its capture: the file validates against the schema, and for
 * every truth that states what to measure, the flows between the device and the remote end in the
 * capture (read by the capture module's flow meter, not taken from the generator) fall inside the
 * window and match the counts, bytes and intervals it states. Nothing of theirs lies outside the window.
 */
class ScenarioTruthTest {

    static Stream<Scenario> scenarios() {
        return ScenarioCatalog.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theCaptureHoldsWhatTheTruthSays(Scenario scenario) {
        GeneratedCaptures.Generated g = GeneratedCaptures.of(scenario);
        assertThat(g.truths()).as("every scenario states its truth").isNotEmpty();
        List<FlowRecord> flows = FlowRecords.of(g.pcap());
        for (Truth truth : g.truths()) {
            assertThat(truth.scenario()).isEqualTo(scenario.id());
            assertThat(truth.windowStart()).isBeforeOrEqualTo(truth.windowEnd());
            if (truth.expect() == null || truth.remote().address() == null) {
                continue;
            }
            List<FlowRecord> between = flows.stream().filter(f -> !f.interim() && matches(truth, f)).toList();
            long from = nanos(truth.windowStart());
            long to = nanos(truth.windowEnd());
            assertThat(between).as("%s: flows to %s", scenario.id(), truth.remote()).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.startNanos()).as("%s flow %s starts in the window", scenario.id(), f.uid())
                            .isBetween(from, to));
            Truth.Expect e = truth.expect();
            boolean requests = e.unit().equals(Truth.Expect.REQUESTS);
            long count = requests ? between.stream().mapToLong(FlowRecord::originatorPackets).sum() : between.size();
            long out = between.stream().mapToLong(f -> payload(f, true)).sum();
            long in = between.stream().mapToLong(f -> payload(f, false)).sum();
            String what = scenario.id() + " " + truth.remote();
            assertThat(count).as("%s: %s", what, e.unit()).isBetween(e.countMin(), e.countMax());
            assertThat(out).as("%s: bytes out", what).isBetween(e.bytesOutMin(), e.bytesOutMax());
            assertThat(in).as("%s: bytes in", what).isBetween(e.bytesInMin(), e.bytesInMax());
            if (e.meanIntervalSeconds() > 0 && count > 1) {
                double measured = meanIntervalSeconds(between, requests, count);
                assertThat(measured).as("%s: mean interval", what).isCloseTo(e.meanIntervalSeconds(),
                        org.assertj.core.data.Offset.offset(e.meanIntervalSeconds() * Math.max(0.02, e.intervalTolerance() / 2)));
            }
        }
    }

    /**
     * Payload bytes one side sent: the flow's count, or for a single-packet flow (where Zeek leaves the
     * count unset) its IP bytes less the IP and UDP/ICMP headers.
     */
    static long payload(FlowRecord f, boolean originator) {
        long bytes = originator ? f.originatorBytes() : f.responderBytes();
        if (bytes >= 0) {
            return bytes;
        }
        long packets = originator ? f.originatorPackets() : f.responderPackets();
        long ip = originator ? f.originatorIpBytes() : f.responderIpBytes();
        int headers = (f.originatorHost().contains(":") ? 40 : 20) + 8;
        return Math.max(0, ip - packets * headers);
    }

    /**
     * Flows from the device (its IPv4 or IPv6 address) to the remote end, by transport and port. For an
     * IP-in-IP tunnel ({@code ipv6}) the outer pair is no flow of its own: the inner flows, which name
     * it as their tunnel parent, are measured.
     */
    static boolean matches(Truth truth, FlowRecord f) {
        if (truth.remote().transport().equals("ipv6")) {
            return f.tunnelParentId() != 0;
        }
        Device device = Site.reference().device(truth.device());
        String originator = normalise(f.originatorHost());
        boolean fromDevice = originator.equals(device.ip())
                || (device.address6() != null && originator.equals(device.address6().getHostAddress()));
        if (!fromDevice || !normalise(f.responderHost()).equals(normalise(truth.remote().address()))) {
            return false;
        }
        String transport = truth.remote().transport();
        boolean sameTransport = f.transport().toLowerCase(Locale.ROOT).startsWith(transport);
        return sameTransport && (truth.remote().port() == 0 || f.responderPort() == truth.remote().port());
    }

    static String normalise(String address) {
        return Site.address(address).getHostAddress();
    }

    /** From the first unit's start to the last's, divided by the gaps between them. */
    static double meanIntervalSeconds(List<FlowRecord> flows, boolean requests, long count) {
        long first = flows.stream().mapToLong(FlowRecord::startNanos).min().orElseThrow();
        long last = requests ? flows.stream().mapToLong(f -> f.startNanos() + f.durationNanos()).max().orElseThrow()
                : flows.stream().mapToLong(FlowRecord::startNanos).max().orElseThrow();
        if (requests && flows.size() > 1 && flows.stream().allMatch(f -> f.originatorPackets() == 1)) {
            last = flows.stream().mapToLong(FlowRecord::startNanos).max().orElseThrow();
        }
        return (last - first) / 1e9 / (count - 1);
    }

    static long nanos(java.time.Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void truthFilesValidateAgainstTheirSchema(@TempDir Path dir) throws IOException {
        Schema schema;
        try (InputStream in = Truth.class.getResourceAsStream("/io/telltale/testdata/scenario/truth.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        List<Truth> all = new ArrayList<>();
        for (Scenario s : ScenarioCatalog.all()) {
            all.addAll(GeneratedCaptures.of(s).truths());
        }
        Path file = dir.resolve("all.truth.json");
        TruthFiles.write(file, all);
        JsonNode json = TruthFiles.JSON.readTree(file.toFile());
        List<Error> errors = schema.validate(json);
        assertThat(errors).as("schema errors").isEmpty();
        assertThat(TruthFiles.read(file)).isEqualTo(all);
        // and a broken one is refused, so the schema is not vacuous
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get(0)).put("label", "harmless");
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get(1).get("categories")).add("made-up-category");
        assertThat(schema.validate(json)).hasSize(2);
    }

    @Test
    void everyScenarioOfTheDomainIsThere() {
        List<String> ids = ScenarioCatalog.all().stream().map(Scenario::id).toList();
        for (int n = 1; n <= 8; n++) {
            assertThat(ids).contains("N" + n);
        }
        for (int a = 1; a <= 17; a++) {
            String prefix = "A" + a;
            assertThat(ids).as(prefix).anyMatch(id -> id.equals(prefix) || id.matches(prefix + "[a-z]"));
        }
        assertThat(ids).contains("A1-jitter50", "A2b-sleep", "A7-ipv6", "A13-gzip-base64", "N1-twin");
        assertThat(Files.exists(Path.of("."))).isTrue();
    }
}
