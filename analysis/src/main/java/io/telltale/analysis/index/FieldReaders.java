package io.telltale.analysis.index;

import io.telltale.analysis.dissect.dhcp.DhcpProtocol;
import io.telltale.analysis.dissect.dicom.DicomProtocol;
import io.telltale.analysis.dissect.dns.DnsFields;
import io.telltale.analysis.dissect.http.HttpProtocol;
import io.telltale.analysis.dissect.ntp.NtpProtocol;
import io.telltale.analysis.dissect.recognise.Recognisers;
import io.telltale.analysis.dissect.smb.SmbProtocol;
import io.telltale.analysis.dissect.ssh.SshProtocol;
import io.telltale.analysis.dissect.tls.TlsProtocol;
import io.telltale.analysis.event.DhcpRecord;
import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.FtpRecord;
import io.telltale.analysis.event.HttpRecord;
import io.telltale.analysis.event.NtpRecord;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.event.SmbRecord;
import io.telltale.analysis.event.SmtpRecord;
import io.telltale.analysis.event.SshRecord;
import io.telltale.analysis.event.TlsRecord;
import io.telltale.analysis.event.X509Record;
import io.telltale.analysis.field.FieldSpec;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How each field of the catalog is read from the records that carry it. Keyed by the catalog's own
 * {@link FieldSpec} constants, so no name is written twice; {@code FieldCoverageTest} holds this table
 * equal to the catalog and shows every field filled by some golden capture. A reader returns null where
 * the record has no value (a zero count that means "not seen" included), a list for list fields.
 */
public final class FieldReaders {

    private FieldReaders() {
    }

    /** How one field is read: from records of one type. */
    record Reader(Class<? extends ProtocolRecord> type, Function<ProtocolRecord, Object> read) {
    }

    private static <R extends ProtocolRecord> Reader of(Class<R> type, Function<R, Object> get) {
        return new Reader(type, e -> type.isInstance(e) ? get.apply(type.cast(e)) : null);
    }

    private static Object positive(long value) {
        return value > 0 ? value : null;
    }

    private static final Map<FieldSpec, Reader> READERS = Map.ofEntries(
            Map.entry(DnsFields.QUERY, of(DnsRecord.class, DnsRecord::query)),
            Map.entry(DnsFields.QTYPE, of(DnsRecord.class, DnsRecord::queryType)),
            Map.entry(DnsFields.QCLASS, of(DnsRecord.class, DnsRecord::queryClass)),
            Map.entry(DnsFields.RCODE, of(DnsRecord.class, r -> r.rcode() > 0 ? r.rcode() : null)),
            Map.entry(DnsFields.TRANS_ID, of(DnsRecord.class, DnsRecord::transactionId)),
            Map.entry(DnsFields.RTT, of(DnsRecord.class, r -> positive(r.rttNanos()))),
            Map.entry(DnsFields.ANSWERS, of(DnsRecord.class, DnsRecord::answers)),
            Map.entry(DnsFields.TTLS, of(DnsRecord.class, DnsRecord::ttlSeconds)),
            Map.entry(DnsFields.REJECTED, of(DnsRecord.class, DnsRecord::rejected)),
            Map.entry(HttpProtocol.HOST, of(HttpRecord.class, HttpRecord::host)),
            Map.entry(HttpProtocol.METHOD, of(HttpRecord.class, HttpRecord::method)),
            Map.entry(HttpProtocol.URI, of(HttpRecord.class, HttpRecord::uri)),
            Map.entry(HttpProtocol.USER_AGENT, of(HttpRecord.class, HttpRecord::userAgent)),
            Map.entry(HttpProtocol.STATUS, of(HttpRecord.class, HttpRecord::statusCode)),
            Map.entry(HttpProtocol.REQUEST_BODY, of(HttpRecord.class, r -> positive(r.requestBodyLength()))),
            Map.entry(HttpProtocol.RESPONSE_BODY, of(HttpRecord.class, r -> positive(r.responseBodyLength()))),
            Map.entry(HttpProtocol.REQUEST_LINE, of(HttpRecord.class, r -> r.raw() == null ? null : r.raw().requestLine())),
            Map.entry(HttpProtocol.REQUEST_HEADERS, of(HttpRecord.class, r -> r.raw() == null ? null : r.raw().requestHeaders())),
            Map.entry(HttpProtocol.RESPONSE_HEADERS, of(HttpRecord.class, r -> r.raw() == null ? null : r.raw().responseHeaders())),
            Map.entry(HttpProtocol.REQUEST_BODY_DATA, of(HttpRecord.class, r -> r.raw() == null ? null : r.raw().requestBody())),
            Map.entry(HttpProtocol.RESPONSE_BODY_DATA, of(HttpRecord.class, r -> r.raw() == null ? null : r.raw().responseBody())),
            Map.entry(SshProtocol.CLIENT, of(SshRecord.class, SshRecord::client)),
            Map.entry(SshProtocol.SERVER, of(SshRecord.class, SshRecord::server)),
            Map.entry(SshProtocol.HASSH, of(SshRecord.class, SshRecord::hassh)),
            Map.entry(SshProtocol.HASSH_SERVER, of(SshRecord.class, SshRecord::hasshServer)),
            Map.entry(SshProtocol.CIPHER, of(SshRecord.class, SshRecord::cipherAlgorithm)),
            Map.entry(SshProtocol.KEX, of(SshRecord.class, SshRecord::kexAlgorithm)),
            Map.entry(TlsProtocol.SNI, of(TlsRecord.class, TlsRecord::serverName)),
            Map.entry(TlsProtocol.VERSION, of(TlsRecord.class, TlsRecord::version)),
            Map.entry(TlsProtocol.CIPHER, of(TlsRecord.class, TlsRecord::cipher)),
            Map.entry(TlsProtocol.ALPN, of(TlsRecord.class, TlsRecord::alpnOffered)),
            Map.entry(TlsProtocol.JA3, of(TlsRecord.class, TlsRecord::ja3)),
            Map.entry(TlsProtocol.JA3S, of(TlsRecord.class, TlsRecord::ja3s)),
            Map.entry(TlsProtocol.JA4, of(TlsRecord.class, TlsRecord::ja4)),
            Map.entry(TlsProtocol.CURVE, of(TlsRecord.class, TlsRecord::curve)),
            Map.entry(TlsProtocol.CERT_SHA256, of(TlsRecord.class, TlsRecord::certificateChainSha256)),
            Map.entry(TlsProtocol.CERT_SUBJECT, of(X509Record.class, r -> r.chainIndex() == 0 ? r.subject() : null)),
            Map.entry(TlsProtocol.CERT_ISSUER, of(X509Record.class, r -> r.chainIndex() == 0 ? r.issuer() : null)),
            Map.entry(TlsProtocol.SELF_SIGNED, of(X509Record.class, X509Record::selfSigned)),
            Map.entry(TlsProtocol.APPLICATION, of(TlsRecord.class, TlsRecord::application)),
            Map.entry(Recognisers.SMTP_HELO, of(SmtpRecord.class, SmtpRecord::helo)),
            Map.entry(Recognisers.SMTP_MAIL_FROM, of(SmtpRecord.class, SmtpRecord::mailFrom)),
            Map.entry(Recognisers.SMTP_RCPT_TO, of(SmtpRecord.class, SmtpRecord::rcptTo)),
            Map.entry(Recognisers.FTP_USER, of(FtpRecord.class, FtpRecord::user)),
            Map.entry(Recognisers.FTP_COMMANDS, of(FtpRecord.class, FtpRecord::commands)),
            Map.entry(Recognisers.FTP_RETRIEVED, of(FtpRecord.class, FtpRecord::retrieved)),
            Map.entry(NtpProtocol.MODE, of(NtpRecord.class, NtpRecord::mode)),
            Map.entry(NtpProtocol.STRATUM, of(NtpRecord.class, NtpRecord::stratum)),
            Map.entry(NtpProtocol.REF_ID, of(NtpRecord.class, NtpRecord::refId)),
            Map.entry(NtpProtocol.ANOMALY, of(NtpRecord.class, NtpRecord::anomaly)),
            Map.entry(DhcpProtocol.MESSAGE_TYPE, of(DhcpRecord.class, DhcpRecord::messageTypeName)),
            Map.entry(DhcpProtocol.MAC, of(DhcpRecord.class, DhcpRecord::hardwareAddress)),
            Map.entry(DhcpProtocol.HOST_NAME, of(DhcpRecord.class, DhcpRecord::hostName)),
            Map.entry(DhcpProtocol.VENDOR_CLASS, of(DhcpRecord.class, DhcpRecord::vendorClass)),
            Map.entry(DhcpProtocol.PARAMETERS, of(DhcpRecord.class, DhcpRecord::parameterRequestList)),
            Map.entry(SmbProtocol.USER, of(SmbRecord.class, SmbRecord::user)),
            Map.entry(SmbProtocol.DOMAIN, of(SmbRecord.class, SmbRecord::domain)),
            Map.entry(SmbProtocol.TREES, of(SmbRecord.class, SmbRecord::trees)),
            Map.entry(SmbProtocol.FILES, of(SmbRecord.class, SmbRecord::files)),
            Map.entry(SmbProtocol.WRITTEN, of(SmbRecord.class, r -> positive(r.bytesWritten()))),
            Map.entry(DicomProtocol.CALLING_AE, of(DicomRecord.class, DicomRecord::callingAe)),
            Map.entry(DicomProtocol.CALLED_AE, of(DicomRecord.class, DicomRecord::calledAe)),
            Map.entry(DicomProtocol.ABSTRACT_SYNTAXES, of(DicomRecord.class, DicomRecord::abstractSyntaxes)),
            Map.entry(DicomProtocol.DICOS, of(DicomRecord.class, DicomRecord::dicos)),
            Map.entry(DicomProtocol.USER_NAME, of(DicomRecord.class, DicomRecord::userName)),
            Map.entry(DicomProtocol.PASSCODE, of(DicomRecord.class, DicomRecord::passcodeInCleartext)),
            Map.entry(DicomProtocol.STORES, of(DicomRecord.class, r -> positive(r.stores()))),
            Map.entry(DicomProtocol.DATA_BYTES, of(DicomRecord.class, r -> positive(r.originatorDataBytes()))));

    /** Every catalog field this table reads. */
    public static Set<FieldSpec> fields() {
        return READERS.keySet();
    }

    /** The field's value in the record, or null (also when the record is of another protocol). */
    public static Object read(FieldSpec field, ProtocolRecord record) {
        return reader(field).read().apply(record);
    }

    /** The type of record that carries the field. */
    public static Class<? extends ProtocolRecord> recordType(FieldSpec field) {
        return reader(field).type();
    }

    private static Reader reader(FieldSpec field) {
        Reader reader = READERS.get(field);
        if (reader == null) {
            throw new IllegalArgumentException("no reader for field " + field.name());
        }
        return reader;
    }
}
