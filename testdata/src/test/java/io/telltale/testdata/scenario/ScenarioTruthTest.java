package io.telltale.testdata.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        assertThat(g.truths()).as("every scenario states its truth").isNotEmpty()
                .allSatisfy(t -> assertThat(t.scenario()).isEqualTo(scenario.id()));
        TruthMeasurement.check(scenario.id(), g.pcap(), g.truths());
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
        JsonNode recorded = TruthFiles.JSON.readTree(RecordingsTruthTest.truthFile().toFile());
        assertThat(schema.validate(recorded)).as("the real-tool recordings' truth").isEmpty();
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
