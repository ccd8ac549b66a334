package io.telltale.analysis.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.testdata.Recordings;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tor's TLS shape: found on a real Tor link (our bridge recording), and on nothing else we have. */
class TorShapeTest {

    @Test
    void aRealTorLinkIsNamedTor() {
        List<TlsRecord> records = AnalysedCapture.events(Recordings.path("tor-bridge-link.pcap"), TlsRecord.class);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.serverName()).isEqualTo("www.5k4vdnryoma.com");
            assertThat(r.application()).isEqualTo("tor");
        });
    }

    @Test
    void noReferenceCaptureIsCalledTor() {
        int handshakes = 0;
        for (ReferenceCapture capture : ReferenceCorpus.load().captures()) {
            for (TlsRecord r : AnalysedCapture.events(capture.path(), TlsRecord.class)) {
                handshakes++;
                assertThat(r.application()).as(capture.fileName() + " " + r.serverName()).isNotEqualTo("tor");
            }
        }
        assertThat(handshakes).as("TLS handshakes in the corpus").isGreaterThanOrEqualTo(29);
    }

    @Test
    void theNameMustLookMadeUpAndComeWithoutAlpn() {
        assertThat(TlsApplications.looksLikeTor("www.5k4vdnryoma.com", List.of())).isTrue();
        assertThat(TlsApplications.looksLikeTor("www.qmxzrtplkv.com", List.of())).as("a consonant run").isTrue();
        assertThat(TlsApplications.looksLikeTor("www.5k4vdnryoma.com", List.of("h2"))).as("ALPN offered").isFalse();
        assertThat(TlsApplications.looksLikeTor("www.wikipedia.com", List.of())).as("a word").isFalse();
        assertThat(TlsApplications.looksLikeTor("www.example.com", List.of())).as("too short").isFalse();
        assertThat(TlsApplications.looksLikeTor("www.5k4vdnryoma.org", List.of())).isFalse();
        assertThat(TlsApplications.looksLikeTor(null, List.of())).isFalse();
    }
}
