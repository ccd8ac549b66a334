package io.telltale.analysis.dissect.quic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.telltale.analysis.event.QuicRecord;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import org.junit.jupiter.api.Test;

/**
 * QUIC against Zeek's quic.log and ssl.log for Chromium's connection to api.cirrus-ci.com: connection
 * ids, version, server name, ALPN from the client Initials, the packet history, and the TLS version and cipher from the
 * server's Initial, which we decrypt too.
 */
class QuicAgreementTest {

    @Test
    void chromiumsConnectionAgreesWithZeek() {
        ReferenceCapture capture = ReferenceCorpus.load().capture("zeek__quic_chromium-115.0.5790.110-api-cirrus-com.pcap");
        JsonNode quicLog = capture.expectations("zeek").stream()
                .filter(b -> b.path("baseline_path").asText().endsWith("/quic.log")).findFirst().orElseThrow()
                .path("rows").get(0);
        QuicRecord q = AnalysedCapture.events(capture.path(), QuicRecord.class).getFirst();
        assertThat(q.originatorHost()).isEqualTo(quicLog.path("id.orig_h").asText());
        assertThat(Long.toString(q.version())).isEqualTo(quicLog.path("version").asText());
        assertThat(q.clientInitialDcid()).isEqualTo(quicLog.path("client_initial_dcid").asText());
        assertThat(q.clientScid()).isEmpty(); // Zeek: (empty)
        assertThat(q.serverScid()).isEqualTo(quicLog.path("server_scid").asText());
        assertThat(q.serverName()).isEqualTo(quicLog.path("server_name").asText());
        assertThat(q.clientProtocol()).isEqualTo(quicLog.path("client_protocol").asText());
        assertThat(q.history()).as("Initials, hellos, Handshakes and short packets at 1, 2, 4, 8 per side")
                .isEqualTo(quicLog.path("history").asText());
        TlsRecord tls = AnalysedCapture.events(capture.path(), TlsRecord.class).getFirst();
        assertThat(tls.version()).isEqualTo(0x0304); // Zeek: TLSv13
        assertThat(tls.cipher()).isEqualTo(0x1301); // Zeek: TLS_AES_128_GCM_SHA256
        assertThat(tls.ja3s()).isNotNull();
    }
}
