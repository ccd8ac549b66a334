package io.telltale.analysis.dissect;

import io.telltale.analysis.dissect.dhcp.Dhcp6Protocol;
import io.telltale.analysis.dissect.dhcp.DhcpProtocol;
import io.telltale.analysis.dissect.dicom.DicomProtocol;
import io.telltale.analysis.dissect.dns.DnsProtocol;
import io.telltale.analysis.dissect.http.HttpProtocol;
import io.telltale.analysis.dissect.ntp.NtpProtocol;
import io.telltale.analysis.dissect.quic.QuicProtocol;
import io.telltale.analysis.dissect.recognise.Recognisers;
import io.telltale.analysis.dissect.smb.SmbProtocol;
import io.telltale.analysis.dissect.ssh.SshProtocol;
import io.telltale.analysis.dissect.tls.TlsProtocol;
import java.util.List;

/** The protocols Telltale dissects, then those it only names: one line each. */
public final class BuiltInProtocols {

    public static final List<ProtocolSpec> ALL = List.of(
            DhcpProtocol.SPEC,
            Dhcp6Protocol.SPEC,
            DicomProtocol.SPEC,
            DnsProtocol.SPEC,
            HttpProtocol.SPEC,
            NtpProtocol.SPEC,
            QuicProtocol.SPEC,
            SmbProtocol.SPEC,
            SshProtocol.SPEC,
            TlsProtocol.SPEC,
            Recognisers.FTP,
            Recognisers.MODBUS,
            Recognisers.OPC_UA,
            Recognisers.OPENVPN,
            Recognisers.RDP,
            Recognisers.RFB,
            Recognisers.SMTP,
            Recognisers.SNMP,
            Recognisers.SSDP,
            Recognisers.SYSLOG,
            Recognisers.TEAMVIEWER,
            Recognisers.TELNET,
            Recognisers.SHELL,
            Recognisers.WIREGUARD);

    private BuiltInProtocols() {
    }
}
