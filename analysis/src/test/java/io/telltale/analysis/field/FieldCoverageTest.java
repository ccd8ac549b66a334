package io.telltale.analysis.field;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.index.FieldReaders;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.testdata.Recordings;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every field of the catalog is read from the records by this test's table, and every one shows a
 * real value (a name, a number, a true) somewhere in the golden captures: a field declared but never
 * filled, or never met in a capture a person has checked, fails here.
 */
class FieldCoverageTest {

    /** A value a person would call present: not null, not empty, not negative, not false. */
    static boolean real(Object value) {
        return switch (value) {
            case null -> false;
            case String s -> !s.isEmpty();
            case Collection<?> c -> !c.isEmpty();
            case Boolean b -> b;
            case Number n -> n.doubleValue() >= 0;
            default -> true;
        };
    }

    @Test
    void everyCatalogFieldIsReadAndMetInAGoldenCapture() {
        List<String> names = FieldCatalog.of(BuiltInProtocols.ALL).fields().stream().map(FieldSpec::name).toList();
        assertThat(FieldReaders.fields().stream().map(FieldSpec::name).toList()).as("fields the index can read")
                .containsExactlyInAnyOrderElementsOf(names);
        List<Path> captures = new ArrayList<>();
        ReferenceCorpus.load().captures().stream().map(ReferenceCapture::path).forEach(captures::add);
        captures.add(Recordings.path("dicom-associations.pcap"));
        captures.add(Recordings.path("ntp-covert-and-dns-refused.pcap"));
        captures.add(Recordings.path("smb-image-upload.pcap"));
        captures.add(Recordings.path("smtp-report-to-vendor.pcap"));
        captures.add(Recordings.path("tor-bridge-link.pcap"));
        Map<String, Integer> seen = new HashMap<>();
        for (Path capture : captures) {
            for (MonitorEvent e : AnalysedCapture.events(capture, FlowConfig.DEFAULTS)) {
                if (e instanceof ProtocolRecord r) {
                    for (FieldSpec field : FieldReaders.fields()) {
                        if (real(FieldReaders.read(field, r))) {
                            seen.merge(field.name(), 1, Integer::sum);
                        }
                    }
                }
            }
        }
        TreeSet<String> never = new TreeSet<>(names);
        never.removeAll(seen.keySet());
        System.out.println("fields met: " + new TreeMap<>(seen));
        assertThat(never).as("fields no golden capture fills").isEmpty();
    }
}
