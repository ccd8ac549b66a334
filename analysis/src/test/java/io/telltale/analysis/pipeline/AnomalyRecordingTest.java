package io.telltale.analysis.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.NtpRecord;
import io.telltale.testdata.Recordings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our recording of an NTP covert channel and a refused DNS query (testdata recordings README). */
class AnomalyRecordingTest {

    @Test
    void smuggledBytesAfterAnNtpHeaderAreNamedAndARefusedQueryIsRejected() {
        var capture = Recordings.path("ntp-covert-and-dns-refused.pcap");
        List<NtpRecord> ntp = AnalysedCapture.events(capture, NtpRecord.class);
        assertThat(ntp).extracting(NtpRecord::length).containsExactly(48, 248);
        assertThat(ntp.get(0).anomaly()).isNull();
        assertThat(ntp.get(1).anomaly()).isEqualTo("200 bytes after the header are neither extension fields nor a MAC");
        DnsRecord dns = AnalysedCapture.events(capture, DnsRecord.class).getFirst();
        assertThat(dns.query()).isEqualTo("update.vendor.example");
        assertThat(dns.rcode()).isEqualTo(5);
        assertThat(dns.rejected()).isTrue();
        // The covert datagram's flow is named in weird.log; the refused query is a valid answer, not a weird.
        assertThat(AnalysedCapture.events(capture, io.telltale.analysis.event.WeirdRecord.class))
                .singleElement().satisfies(w -> {
                    assertThat(w.name()).isEqualTo("ntp_malformed");
                    assertThat(w.responderPort()).isEqualTo(123);
                    assertThat(w.addl()).isEqualTo("1 message did not fit ntp");
                });
    }
}
