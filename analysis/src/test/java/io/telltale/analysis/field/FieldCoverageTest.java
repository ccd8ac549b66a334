package io.telltale.analysis.field;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.DhcpRecord;
import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.NtpRecord;
import io.telltale.analysis.event.SshRecord;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.event.X509Record;
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
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every field of the catalog is read from the records by this test's table, and every one shows a
 * real value (a name, a number, a true) somewhere in the golden captures: a field declared but never
 * filled, or never met in a capture a person has checked, fails here.
 */
class FieldCoverageTest {

    static <R> Function<MonitorEvent, Object> of(Class<R> type, Function<R, Object> get) {
        return e -> type.isInstance(e) ? get.apply(type.cast(e)) : null;
    }

    static final Map<String, Function<MonitorEvent, Object>> READ = Map.ofEntries(
            Map.entry("dns.query", of(DnsRecord.class, DnsRecord::query)),
            Map.entry("dns.qtype", of(DnsRecord.class, DnsRecord::queryType)),
            Map.entry("dns.qclass", of(DnsRecord.class, DnsRecord::queryClass)),
            Map.entry("dns.rcode", of(DnsRecord.class, r -> r.rcode() > 0 ? r.rcode() : null)),
            Map.entry("dns.trans_id", of(DnsRecord.class, DnsRecord::transactionId)),
            Map.entry("dns.rtt", of(DnsRecord.class, r -> r.rttNanos() > 0 ? r.rttNanos() : null)),
            Map.entry("dns.answers", of(DnsRecord.class, DnsRecord::answers)),
            Map.entry("dns.ttls", of(DnsRecord.class, DnsRecord::ttlSeconds)),
            Map.entry("dns.rejected", of(DnsRecord.class, DnsRecord::rejected)),
            Map.entry("http.host", of(HttpRecord.class, HttpRecord::host)),
            Map.entry("http.method", of(HttpRecord.class, HttpRecord::method)),
            Map.entry("http.uri", of(HttpRecord.class, HttpRecord::uri)),
            Map.entry("http.user_agent", of(HttpRecord.class, HttpRecord::userAgent)),
            Map.entry("http.status_code", of(HttpRecord.class, HttpRecord::statusCode)),
            Map.entry("http.request_body_len",
                    of(HttpRecord.class, r -> r.requestBodyLength() > 0 ? r.requestBodyLength() : null)),
            Map.entry("http.response_body_len",
                    of(HttpRecord.class, r -> r.responseBodyLength() > 0 ? r.responseBodyLength() : null)),
            Map.entry("http.request_line", of(HttpRecord.class, r -> r.raw() == null ? null : r.raw().requestLine())),
            Map.entry("http.request_headers", of(HttpRecord.class, r -> r.raw() == null ? null : r.raw().requestHeaders())),
            Map.entry("http.response_headers", of(HttpRecord.class, r -> r.raw() == null ? null : r.raw().responseHeaders())),
            Map.entry("http.request_body", of(HttpRecord.class, r -> r.raw() == null ? null : r.raw().requestBody())),
            Map.entry("http.response_body", of(HttpRecord.class, r -> r.raw() == null ? null : r.raw().responseBody())),
            Map.entry("ssh.client", of(SshRecord.class, SshRecord::client)),
            Map.entry("ssh.server", of(SshRecord.class, SshRecord::server)),
            Map.entry("ssh.hassh", of(SshRecord.class, SshRecord::hassh)),
            Map.entry("ssh.hassh_server", of(SshRecord.class, SshRecord::hasshServer)),
            Map.entry("ssh.cipher_alg", of(SshRecord.class, SshRecord::cipherAlgorithm)),
            Map.entry("ssh.kex_alg", of(SshRecord.class, SshRecord::kexAlgorithm)),
            Map.entry("tls.sni", of(TlsRecord.class, TlsRecord::serverName)),
            Map.entry("tls.version", of(TlsRecord.class, TlsRecord::version)),
            Map.entry("tls.cipher", of(TlsRecord.class, TlsRecord::cipher)),
            Map.entry("tls.alpn", of(TlsRecord.class, TlsRecord::alpnOffered)),
            Map.entry("tls.ja3", of(TlsRecord.class, TlsRecord::ja3)),
            Map.entry("tls.ja3s", of(TlsRecord.class, TlsRecord::ja3s)),
            Map.entry("tls.ja4", of(TlsRecord.class, TlsRecord::ja4)),
            Map.entry("tls.curve", of(TlsRecord.class, TlsRecord::curve)),
            Map.entry("tls.cert_sha256", of(TlsRecord.class, TlsRecord::certificateChainSha256)),
            Map.entry("tls.cert_subject", of(X509Record.class, r -> r.chainIndex() == 0 ? r.subject() : null)),
            Map.entry("tls.cert_issuer", of(X509Record.class, r -> r.chainIndex() == 0 ? r.issuer() : null)),
            Map.entry("tls.self_signed", of(X509Record.class, X509Record::selfSigned)),
            Map.entry("tls.application", of(TlsRecord.class, TlsRecord::application)),
            Map.entry("smtp.helo", of(io.telltale.analysis.event.SmtpRecord.class, io.telltale.analysis.event.SmtpRecord::helo)),
            Map.entry("smtp.mailfrom", of(io.telltale.analysis.event.SmtpRecord.class,
                    io.telltale.analysis.event.SmtpRecord::mailFrom)),
            Map.entry("smtp.rcptto", of(io.telltale.analysis.event.SmtpRecord.class,
                    io.telltale.analysis.event.SmtpRecord::rcptTo)),
            Map.entry("ftp.user", of(io.telltale.analysis.event.FtpRecord.class, io.telltale.analysis.event.FtpRecord::user)),
            Map.entry("ftp.commands", of(io.telltale.analysis.event.FtpRecord.class,
                    io.telltale.analysis.event.FtpRecord::commands)),
            Map.entry("ftp.retrieved", of(io.telltale.analysis.event.FtpRecord.class,
                    io.telltale.analysis.event.FtpRecord::retrieved)),
            Map.entry("ntp.mode", of(NtpRecord.class, NtpRecord::mode)),
            Map.entry("ntp.stratum", of(NtpRecord.class, NtpRecord::stratum)),
            Map.entry("ntp.ref_id", of(NtpRecord.class, NtpRecord::refId)),
            Map.entry("ntp.anomaly", of(NtpRecord.class, NtpRecord::anomaly)),
            Map.entry("dhcp.msg_type", of(DhcpRecord.class, DhcpRecord::messageTypeName)),
            Map.entry("dhcp.mac", of(DhcpRecord.class, DhcpRecord::hardwareAddress)),
            Map.entry("dhcp.host_name", of(DhcpRecord.class, DhcpRecord::hostName)),
            Map.entry("dhcp.vendor_class", of(DhcpRecord.class, DhcpRecord::vendorClass)),
            Map.entry("dhcp.requested_options", of(DhcpRecord.class, DhcpRecord::parameterRequestList)),
            Map.entry("smb.user", of(io.telltale.analysis.event.SmbRecord.class, io.telltale.analysis.event.SmbRecord::user)),
            Map.entry("smb.domain", of(io.telltale.analysis.event.SmbRecord.class, io.telltale.analysis.event.SmbRecord::domain)),
            Map.entry("smb.trees", of(io.telltale.analysis.event.SmbRecord.class, io.telltale.analysis.event.SmbRecord::trees)),
            Map.entry("smb.files", of(io.telltale.analysis.event.SmbRecord.class, io.telltale.analysis.event.SmbRecord::files)),
            Map.entry("smb.bytes_written", of(io.telltale.analysis.event.SmbRecord.class,
                    r -> r.bytesWritten() > 0 ? r.bytesWritten() : null)),
            Map.entry("dicom.calling_ae", of(DicomRecord.class, DicomRecord::callingAe)),
            Map.entry("dicom.called_ae", of(DicomRecord.class, DicomRecord::calledAe)),
            Map.entry("dicom.abstract_syntaxes", of(DicomRecord.class, DicomRecord::abstractSyntaxes)),
            Map.entry("dicom.dicos", of(DicomRecord.class, DicomRecord::dicos)),
            Map.entry("dicom.user_name", of(DicomRecord.class, DicomRecord::userName)),
            Map.entry("dicom.passcode_in_cleartext", of(DicomRecord.class, DicomRecord::passcodeInCleartext)),
            Map.entry("dicom.stores", of(DicomRecord.class, r -> r.stores() > 0 ? r.stores() : null)),
            Map.entry("dicom.orig_pdata_bytes",
                    of(DicomRecord.class, r -> r.originatorDataBytes() > 0 ? r.originatorDataBytes() : null)));

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
        assertThat(READ.keySet()).as("fields this test can read").containsExactlyInAnyOrderElementsOf(names);
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
                READ.forEach((name, read) -> {
                    if (real(read.apply(e))) {
                        seen.merge(name, 1, Integer::sum);
                    }
                });
            }
        }
        TreeSet<String> never = new TreeSet<>(names);
        never.removeAll(seen.keySet());
        System.out.println("fields met: " + new TreeMap<>(seen));
        assertThat(never).as("fields no golden capture fills").isEmpty();
    }
}
