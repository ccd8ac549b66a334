package io.telltale.analysis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A MUD file as a group's declarations: names, local networks, direction, ports; what cannot be honoured noted. */
class MudImporterTest {

    static final Path MUD = Path.of("../examples/checkpoint-ct.mud.json");

    static Policy policy(Path dir) throws Exception {
        Files.copy(MUD, dir.resolve("ct.mud.json"));
        Path yaml = dir.resolve("site.yaml");
        Files.writeString(yaml, "groups:\n  checkpoint-ct:\n    cidr: [10.20.30.11/32]\n    mud: ct.mud.json\n");
        return PolicyLoader.load(yaml);
    }

    @Test
    void aNamedPeerHoldsForTheAddressesItsNameWasResolvedTo(@TempDir Path dir) throws Exception {
        Policy p = policy(dir);
        assertThat(p.declarations()).extracting(PolicyDocument.Declaration::id).containsExactly(
                "mud:ct.mud.json mud-ct7-v4fr/telemetry", "mud:ct.mud.json mud-ct7-v4fr/site-time",
                "mud:ct.mud.json mud-ct7-v4to/telemetry-replies");
        assertThat(p.declared("10.20.30.11", "203.0.113.45", "tcp", 443, null, 0)).isFalse();
        p.resolved("203.0.113.45", "status.vendor-telemetry.example");
        assertThat(p.declared("10.20.30.11", "203.0.113.45", "tcp", 443, null, 0)).isTrue();
        assertThat(p.declared("10.20.30.11", "203.0.113.45", "tcp", 80, null, 0)).isFalse();
        // the reply ACL says the device starts those connections too: nothing is declared the other way
        assertThat(p.declared("203.0.113.45", "10.20.30.11", "tcp", 443, null, 0)).isFalse();
    }

    @Test
    void localNetworksAreTheSitesPrivateRangesAndTheControllerIsNoted(@TempDir Path dir) throws Exception {
        Policy p = policy(dir);
        assertThat(p.declared("10.20.30.11", "10.20.40.5", "udp", 123, null, 0)).isTrue();
        assertThat(p.declared("10.20.30.11", "192.0.2.123", "udp", 123, null, 0)).isFalse();
        assertThat(p.notes()).singleElement().asString().contains("ct.mud.json mud-ct7-v4fr/controller")
                .contains("\"controller\" abstraction").contains("not declared");
    }

    @Test
    void aBrokenMudFileIsNamedWithLineAndColumn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ct.mud.json"), "{\n  \"ietf-mud:mud\": {\n    \"mud-version\": 1,,\n");
        Files.writeString(dir.resolve("site.yaml"), "groups:\n  ct:\n    cidr: [10.0.0.1/32]\n    mud: ct.mud.json\n");
        assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("site.yaml"))).hasMessageContaining("ct.mud.json:3:");
        Files.writeString(dir.resolve("ct.mud.json"), "{\"something\": 1}");
        assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("site.yaml"))).hasMessageContaining("not a MUD file");
    }

    @Test
    void namesAreNotLookedUpAndHexLookingNamesAreNames() {
        assertThat(Policy.isName("cafe.be")).isTrue();
        assertThat(Policy.isName("*.vendor.example")).isTrue();
        assertThat(Policy.isName("10.20.30.0/24")).isFalse();
        assertThat(Policy.isName("2001:db8::1")).isFalse();
        assertThatThrownBy(() -> Cidr.parse("cafe.be")).hasMessageContaining("not an address block");
    }
}
