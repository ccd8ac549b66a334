package io.telltale.analysis.dissect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.analysis.field.FieldCatalog;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry's rules: unique protocol names, fields named and owned by their protocol, no duplicates. */
class ProtocolRegistryTest {

    @Test
    void builtInProtocolsBuildACatalog() {
        FieldCatalog catalog = FieldCatalog.of(BuiltInProtocols.ALL);
        assertThat(catalog.fields()).isNotEmpty();
        assertThat(catalog.field("dns.query").type()).isEqualTo(FieldType.NAME);
        Set<String> names = new HashSet<>();
        for (ProtocolSpec spec : BuiltInProtocols.ALL) {
            assertThat(names.add(spec.name())).as("protocol %s declared once", spec.name()).isTrue();
            assertThat(spec.fields()).allSatisfy(f -> assertThat(f.protocol()).isEqualTo(spec.name()));
            assertThat(spec.tcp() || spec.udp()).isTrue();
        }
    }

    @Test
    void catalogRefusesDuplicatesAndStrays() {
        FieldSpec query = new FieldSpec("dns.query", FieldType.NAME, "the name");
        ProtocolSpec twice = new ProtocolSpec("dns", "dns", false, true, false, Set.of(), (d, o, l, s, f) -> false,
                List.of(query, query), () -> null);
        assertThatThrownBy(() -> FieldCatalog.of(List.of(twice))).hasMessageContaining("declared twice: dns.query");
        ProtocolSpec stray = new ProtocolSpec("tls", "ssl", true, false, false, Set.of(), (d, o, l, s, f) -> false,
                List.of(query), () -> null);
        assertThatThrownBy(() -> FieldCatalog.of(List.of(stray))).hasMessageContaining("declared by protocol tls");
        assertThatThrownBy(() -> new FieldSpec("Query", FieldType.TEXT, "x")).hasMessageContaining("<protocol>.<field>");
    }
}
