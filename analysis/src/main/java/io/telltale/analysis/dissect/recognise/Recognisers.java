package io.telltale.analysis.dissect.recognise;

import static io.telltale.analysis.dissect.recognise.Bytes.firstLine;
import static io.telltale.analysis.dissect.recognise.Bytes.startsWith;
import static io.telltale.analysis.dissect.recognise.Bytes.u16;
import static io.telltale.analysis.dissect.recognise.Bytes.u32le;
import static io.telltale.analysis.dissect.recognise.Bytes.u8;

import io.telltale.analysis.dissect.PayloadProbe;
import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The protocols Telltale names without dissecting, with the service names Zeek uses where Zeek has
 * one. On a screening network each is a question for the policy: remote desktop (RDP, VNC,
 * TeamViewer), tunnels (WireGuard), management (SNMP, syslog, Telnet), industrial control (Modbus,
 * OPC UA), discovery (SSDP), file transfer and mail (FTP, SMTP).
 */
public final class Recognisers {

    public static final ProtocolSpec RDP = tcp("rdp", Set.of(3389), Recognisers::rdp);
    public static final ProtocolSpec RFB = tcp("rfb", Set.of(5900, 5901, 5902), Recognisers::rfb);
    public static final ProtocolSpec TEAMVIEWER = new ProtocolSpec("teamviewer", "teamviewer", true, true, false,
            Set.of(5938), Recognisers::teamViewer, List.of(), () -> flow -> NameOnlySession.INSTANCE);
    public static final ProtocolSpec WIREGUARD = udp("wireguard", Set.of(51820), Recognisers::wireGuard);
    public static final ProtocolSpec OPENVPN = new ProtocolSpec("openvpn", "openvpn", true, true, false, Set.of(1194),
            Recognisers::openVpn, List.of(), () -> flow -> NameOnlySession.INSTANCE);
    public static final ProtocolSpec SSDP = udp("ssdp", Set.of(1900), Recognisers::ssdp);
    public static final ProtocolSpec SYSLOG = udp("syslog", Set.of(514), Recognisers::syslog);
    public static final ProtocolSpec SNMP = udp("snmp", Set.of(161, 162), Recognisers::snmp);
    public static final ProtocolSpec MODBUS = tcp("modbus", Set.of(502), Recognisers::modbus);
    public static final ProtocolSpec OPC_UA = tcp("opcua", Set.of(4840), Recognisers::opcUa);
    public static final ProtocolSpec TELNET = tcp("telnet", Set.of(23), Recognisers::telnet);
    /** A command shell on a raw TCP connection (ours: Zeek has no name for it), as reverse shells carry. */
    public static final ProtocolSpec SHELL = tcp("shell", Set.of(4444), Recognisers::shell);
    public static final FieldSpec FTP_USER = new FieldSpec("ftp.user", FieldType.TEXT, "the user that logged in");
    public static final FieldSpec FTP_COMMANDS = new FieldSpec("ftp.commands", FieldType.TEXT_LIST, "commands the client used");
    public static final FieldSpec FTP_RETRIEVED = new FieldSpec("ftp.retrieved", FieldType.TEXT_LIST, "files retrieved (RETR)");
    public static final FieldSpec SMTP_HELO = new FieldSpec("smtp.helo", FieldType.NAME, "the name the client gave in HELO or EHLO");
    public static final FieldSpec SMTP_MAIL_FROM = new FieldSpec("smtp.mailfrom", FieldType.TEXT_LIST, "envelope senders (MAIL FROM)");
    public static final FieldSpec SMTP_RCPT_TO = new FieldSpec("smtp.rcptto", FieldType.TEXT_LIST, "envelope recipients (RCPT TO)");
    // FTP and SMTP are read a little further than named: the client's commands (FtpSession, SmtpSession).
    public static final ProtocolSpec FTP = new ProtocolSpec("ftp", "ftp", true, false, false, Set.of(21),
            Recognisers::ftp, List.of(FTP_USER, FTP_COMMANDS, FTP_RETRIEVED),
            () -> FtpSession::new);
    public static final ProtocolSpec SMTP = new ProtocolSpec("smtp", "smtp", true, false, false, Set.of(25, 587),
            Recognisers::smtp, List.of(SMTP_HELO, SMTP_MAIL_FROM, SMTP_RCPT_TO),
            () -> SmtpSession::new);

    public static final List<ProtocolSpec> ALL = List.of(RDP, RFB, TEAMVIEWER, WIREGUARD, OPENVPN, SSDP, SYSLOG, SNMP,
            MODBUS, OPC_UA, TELNET, SHELL, FTP, SMTP);

    private Recognisers() {
    }

    private static ProtocolSpec tcp(String name, Set<Integer> ports, PayloadProbe probe) {
        return new ProtocolSpec(name, name, true, false, false, ports, probe, List.of(), () -> flow -> NameOnlySession.INSTANCE);
    }

    private static ProtocolSpec udp(String name, Set<Integer> ports, PayloadProbe probe) {
        return new ProtocolSpec(name, name, false, true, false, ports, probe, List.of(), () -> flow -> NameOnlySession.INSTANCE);
    }

    /** TPKT version 3 whose length is the payload's, carrying an X.224 Connection Request (MS-RDPBCGR 2.2.1.1). */
    static boolean rdp(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        return stream && fromOriginator && n >= 11 && u8(d, o) == 3 && u8(d, o + 1) == 0 && u16(d, o + 2) == n
                && u8(d, o + 4) == n - 5 && u8(d, o + 5) == 0xe0;
    }

    /** The server's version string, {@code RFB 003.008\n} (RFC 6143 §7.1.1). */
    static boolean rfb(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        if (!stream || n != 12 || !startsWith(d, o, n, "RFB ") || u8(d, o + 11) != '\n' || u8(d, o + 7) != '.') {
            return false;
        }
        for (int i : new int[] {4, 5, 6, 8, 9, 10}) {
            if (!Character.isDigit(u8(d, o + i))) {
                return false;
            }
        }
        return true;
    }

    /** TeamViewer's packet magic: 0x17 0x24 (or 0x11 0x30 of older clients), as nDPI recognises it. */
    static boolean teamViewer(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        if (stream) {
            return n >= 6 && ((u8(d, o) == 0x17 && u8(d, o + 1) == 0x24) || (u8(d, o) == 0x11 && u8(d, o + 1) == 0x30));
        }
        return n > 13 && u8(d, o) == 0 && u8(d, o + 11) == 0x17 && u8(d, o + 12) == 0x24;
    }

    /** A handshake initiation (148 bytes) or response (92), reserved bytes zero (WireGuard whitepaper §5.4). */
    static boolean wireGuard(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        if (stream || n < 4 || u8(d, o + 1) != 0 || u8(d, o + 2) != 0 || u8(d, o + 3) != 0) {
            return false;
        }
        int type = u8(d, o);
        return (type == 1 && n == 148) || (type == 2 && n == 92);
    }

    /**
     * A client's first packet, P_CONTROL_HARD_RESET_CLIENT_V2 (opcode 7, key id 0), in one of the
     * layouts its variants produce, each checked by the fields it must hold: plain (14 bytes: no acks,
     * message packet id 0); tls-auth with an SHA-1 or SHA-256 HMAC (42 or 54 bytes: replay packet id 1,
     * no acks, message packet id 0); tls-crypt (54 bytes: replay packet id 1, the rest encrypted). Over
     * TCP the packet follows a 16-bit length (OpenVPN's framing).
     */
    static boolean openVpn(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        if (!fromOriginator) {
            return false;
        }
        long p = o;
        int size = n;
        if (stream) {
            if (n < 16 || u16(d, o) != n - 2) {
                return false;
            }
            p += 2;
            size -= 2;
        }
        if (u8(d, p) != 0x38) {
            return false;
        }
        return switch (size) {
            case 14 -> u8(d, p + 9) == 0 && u32(d, p + 10) == 0;
            case 42 -> u32(d, p + 29) == 1 && u8(d, p + 37) == 0 && u32(d, p + 38) == 0;
            case 54 -> (u32(d, p + 41) == 1 && u8(d, p + 49) == 0 && u32(d, p + 50) == 0) || u32(d, p + 9) == 1;
            default -> false;
        };
    }

    private static long u32(MemorySegment d, long at) {
        return ((long) u16(d, at) << 16) | u16(d, at + 2);
    }

    static boolean ssdp(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        return !stream && (startsWith(d, o, n, "M-SEARCH * HTTP/1.1") || startsWith(d, o, n, "NOTIFY * HTTP/1.1"));
    }

    /** {@code <PRI>} with PRI 0-191 (RFC 5424 §6.2.1, RFC 3164 §4.1.1). */
    static boolean syslog(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        if (stream || n < 4 || u8(d, o) != '<') {
            return false;
        }
        int priority = 0;
        int i = 1;
        while (i < Math.min(n, 5) && Character.isDigit(u8(d, o + i))) {
            priority = priority * 10 + (u8(d, o + i) - '0');
            i++;
        }
        return i > 1 && i < n && u8(d, o + i) == '>' && priority <= 191;
    }

    /** A BER SEQUENCE holding INTEGER version 0, 1 or 3 (SNMPv1, v2c, v3). */
    static boolean snmp(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        if (stream || n < 8 || u8(d, o) != 0x30) {
            return false;
        }
        int at = 1;
        int first = u8(d, o + at);
        if (first < 0x80) {
            if (first != n - 2) {
                return false;
            }
            at += 1;
        } else {
            int lengthBytes = first & 0x7f;
            if (lengthBytes < 1 || lengthBytes > 2 || at + 1 + lengthBytes + 3 > n) {
                return false;
            }
            long length = lengthBytes == 1 ? u8(d, o + 2) : u16(d, o + 2);
            if (length != n - 2 - lengthBytes) {
                return false;
            }
            at += 1 + lengthBytes;
        }
        int version = u8(d, o + at + 2);
        return u8(d, o + at) == 0x02 && u8(d, o + at + 1) == 0x01 && (version == 0 || version == 1 || version == 3);
    }

    /** MBAP header: protocol id 0, a length that is the rest of the payload, a function code (Modbus/TCP 4.1). */
    static boolean modbus(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        if (!stream || n < 8 || u16(d, o + 2) != 0 || u16(d, o + 4) != n - 6) {
            return false;
        }
        int function = u8(d, o + 7) & 0x7f;
        return function >= 1 && function <= 127;
    }

    /** OPC UA Hello: {@code HELF} and a little-endian message size equal to the payload (Part 6 §7.1.2). */
    static boolean opcUa(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        return stream && n >= 32 && startsWith(d, o, n, "HELF") && u32le(d, o + 4) == n;
    }

    /** An option negotiation first: IAC followed by WILL, WONT, DO or DONT (RFC 854). */
    static boolean telnet(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        return stream && n >= 3 && u8(d, o) == 0xff && u8(d, o + 1) >= 0xfb && u8(d, o + 1) <= 0xfe;
    }

    /** A cmd.exe prompt, and a Unix shell's answer to {@code id}: compiled once, as the probe runs on every unknown stream. */
    private static final java.util.regex.Pattern CMD_PROMPT = java.util.regex.Pattern.compile("[A-Z]:\\\\[^>]{0,200}>.*");
    private static final java.util.regex.Pattern ID_ANSWER = java.util.regex.Pattern.compile("uid=\\d+\\([^)]*\\) gid=\\d+.*");

    /**
     * What a command shell says first: cmd.exe's banner, a PowerShell or cmd prompt, or the answer of a
     * Unix shell to {@code id}. Raw TCP carries these only when a shell is wired to a socket.
     */
    static boolean shell(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        if (!stream) {
            return false;
        }
        String line = firstLine(d, o, n);
        return line.startsWith("Microsoft Windows [Version ") || line.startsWith("PS C:\\") || CMD_PROMPT.matcher(line).matches()
                || ID_ANSWER.matcher(line).matches();
    }

    /** The server's 220 greeting naming FTP, or a client's first command (RFC 959). */
    static boolean ftp(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        if (!stream) {
            return false;
        }
        String line = firstLine(d, o, n);
        if (fromOriginator) {
            String command = line.toUpperCase(Locale.ROOT); // commands are case-insensitive (RFC 959 §5.3)
            return command.startsWith("USER ") || command.equals("AUTH TLS") || command.equals("AUTH SSL");
        }
        return greeting(line) && line.toUpperCase(Locale.ROOT).contains("FTP");
    }

    /** The server's 220 greeting naming SMTP, or a client's EHLO or HELO (RFC 5321). */
    static boolean smtp(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        if (!stream) {
            return false;
        }
        String line = firstLine(d, o, n);
        if (fromOriginator) {
            String command = line.toUpperCase(Locale.ROOT); // case-insensitive (RFC 5321 §2.4); Python sends "ehlo"
            return command.startsWith("EHLO ") || command.startsWith("HELO ");
        }
        return greeting(line) && line.toUpperCase(Locale.ROOT).contains("SMTP");
    }

    private static boolean greeting(String line) {
        return line.length() > 4 && line.startsWith("220") && (line.charAt(3) == ' ' || line.charAt(3) == '-');
    }
}
