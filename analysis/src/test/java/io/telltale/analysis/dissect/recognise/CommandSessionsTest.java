package io.telltale.analysis.dissect.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.FtpRecord;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.SmtpRecord;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FTP against Zeek's IPv6 FTP capture (the commands as tshark reads them), and SMTP on an envelope
 * built from RFC 5321; both split at every byte.
 */
class CommandSessionsTest {

    static final FlowContext FLOW = new FlowContext(15, true, "10.0.0.1", 50000, "10.0.0.25", 25, false);

    @Test
    void anAnonymousFtpDownloadIsReadFromARealCapture() {
        FtpRecord ftp = AnalysedCapture.events(ReferenceCorpus.load().capture("zeek__ftp_ipv6.pcap").path(),
                FtpRecord.class).getFirst();
        assertThat(ftp.user()).isEqualTo("anonymous");
        assertThat(ftp.passwordSent()).isTrue();
        assertThat(ftp.toString()).doesNotContain("test"); // the password tshark shows
        assertThat(ftp.commands()).startsWith("USER", "PASS", "SYST", "FEAT", "PWD", "EPSV", "LIST");
        assertThat(ftp.retrieved()).containsExactly("robots.txt");
    }

    @Test
    void aScannersReportMailIsReadFromOurRecording() {
        SmtpRecord r = AnalysedCapture.events(io.telltale.testdata.Recordings.path("smtp-report-to-vendor.pcap"),
                SmtpRecord.class).getFirst();
        assertThat(r.helo()).isEqualTo("xray-07.airport.example");
        assertThat(r.mailFrom()).containsExactly("xray-07@airport.example");
        assertThat(r.rcptTo()).containsExactly("reports@vendor.example", "archive@vendor.example");
        assertThat(r.messages()).isEqualTo(1);
        assertThat(r.startTls()).isFalse();
    }

    static List<MonitorEvent> smtp(byte[] client, int piece) {
        List<MonitorEvent> out = new ArrayList<>();
        DissectorSession s = Recognisers.SMTP.dissector().get().open(FLOW);
        for (int at = 0; at < client.length; at += piece) {
            s.onPayload(1, true, MemorySegment.ofArray(client), at, Math.min(piece, client.length - at), true, out::add);
        }
        s.onEnd(2, out::add);
        return out;
    }

    @Test
    void anSmtpEnvelopeReadsTheSameWhateverTheSplit() {
        byte[] client = ("EHLO xray-07.airport.example\r\nMAIL FROM:<scanner@airport.example> SIZE=2048\r\n"
                + "RCPT TO:<support@vendor.example>\r\nRCPT TO:<ops@airport.example>\r\nDATA\r\n"
                + "Subject: daily log\r\nMAIL FROM:<not-a-command@example>\r\n.\r\nSTARTTLS\r\nMAIL FROM:<hidden@x>\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<MonitorEvent> whole = smtp(client, Integer.MAX_VALUE);
        SmtpRecord r = (SmtpRecord) whole.getFirst();
        assertThat(r.helo()).isEqualTo("xray-07.airport.example");
        assertThat(r.mailFrom()).containsExactly("scanner@airport.example");
        assertThat(r.rcptTo()).containsExactly("support@vendor.example", "ops@airport.example");
        assertThat(r.messages()).isEqualTo(1);
        assertThat(r.startTls()).isTrue();
        for (int piece = 1; piece <= 30; piece++) {
            assertThat(smtp(client, piece)).as("pieces of %d", piece).isEqualTo(whole);
        }
    }
}
