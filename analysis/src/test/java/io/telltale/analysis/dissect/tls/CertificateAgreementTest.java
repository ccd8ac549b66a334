package io.telltale.analysis.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.event.X509Record;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Certificates against Arkime's sessions: every certificate Arkime lists, found by its SHA-1 hash,
 * with the same serial, validity, key algorithm, common and organisation names (Arkime lowercases
 * common names) and subject alternative names. The bar: all equal.
 */
class CertificateAgreementTest {

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    static List<String> attribute(String rfc2253, String key, boolean lower) {
        List<String> out = new ArrayList<>();
        for (String part : rfc2253.split("(?<!\\\\),")) {
            if (part.startsWith(key + "=")) {
                String value = part.substring(key.length() + 1).replace("\\", "");
                out.add(lower ? value.toLowerCase(Locale.ROOT) : value);
            }
        }
        return out;
    }

    @Test
    void certificatesAgreeWithArkime() {
        int certificates = 0;
        for (ReferenceCapture capture : ReferenceCorpus.load().captures()) {
            List<JsonNode> expected = new ArrayList<>();
            capture.expectations("arkime").forEach(b -> b.path("sessions").forEach(s -> s.path("cert").forEach(expected::add)));
            if (expected.isEmpty()) {
                continue;
            }
            List<MonitorEvent> events = AnalysedCapture.events(capture.path(), FlowConfig.DEFAULTS);
            List<X509Record> ours = events.stream().filter(X509Record.class::isInstance).map(X509Record.class::cast).toList();
            for (JsonNode cert : expected) {
                certificates++;
                String sha1 = cert.path("hash").asText().replace(":", "");
                X509Record r = ours.stream().filter(x -> x.sha1().equals(sha1)).findFirst().orElseThrow(
                        () -> new AssertionError(capture.fileName() + ": no certificate " + cert.path("hash").asText()));
                assertThat(r.serial()).isEqualTo(cert.path("serial").asText());
                assertThat(r.notBeforeMillis()).isEqualTo(cert.path("notBefore").asLong());
                assertThat(r.notAfterMillis()).isEqualTo(cert.path("notAfter").asLong());
                assertThat(r.keyAlgorithm()).isEqualTo(cert.path("publicAlgorithm").asText());
                assertThat(attribute(r.subject(), "CN", true)).isEqualTo(texts(cert.path("subjectCN")));
                assertThat(attribute(r.subject(), "O", false)).isEqualTo(texts(cert.path("subjectON")));
                assertThat(attribute(r.issuer(), "CN", true)).isEqualTo(texts(cert.path("issuerCN")));
                assertThat(attribute(r.issuer(), "O", false)).isEqualTo(texts(cert.path("issuerON")));
                assertThat(r.sanDns()).isEqualTo(texts(cert.path("alt")));
            }
            // The server's chain is listed on its TLS record, leaf first, and the leaf covers the SNI.
            TlsRecord tls = events.stream().filter(TlsRecord.class::isInstance).map(TlsRecord.class::cast)
                    .filter(t -> !t.certificateChainSha256().isEmpty()).findFirst().orElseThrow();
            assertThat(tls.certificateChainSha256()).hasSize(expected.size());
            assertThat(ours.getFirst().chainIndex()).isZero();
            assertThat(tls.sniMatchesCertificate()).isEqualTo(tls.serverName() == null ? null : Boolean.TRUE);
        }
        System.out.printf("certificates %d of %d equal%n", certificates, certificates);
        assertThat(certificates).isGreaterThanOrEqualTo(3);
    }
}
