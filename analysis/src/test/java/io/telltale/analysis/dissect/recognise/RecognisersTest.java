package io.telltale.analysis.dissect.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.ProtocolSpec;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each recogniser takes a first payload built from its protocol's specification, and no other: every
 * sample is shown to every probe (a confusion matrix that must be the identity), then random bytes.
 */
class RecognisersTest {

    record Sample(boolean stream, boolean fromOriginator, byte[] bytes) {
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] wireGuardInitiation() {
        byte[] b = new byte[148];
        new Random(1).nextBytes(b);
        b[0] = 1; // message type, then three reserved zero bytes
        b[1] = 0;
        b[2] = 0;
        b[3] = 0;
        return b;
    }

    static byte[] opcUaHello() {
        byte[] b = new byte[56];
        System.arraycopy(ascii("HELF"), 0, b, 0, 4);
        b[4] = 56;
        return b;
    }

    static final Map<ProtocolSpec, Sample> SAMPLES = new LinkedHashMap<>();

    static {
        // TPKT + X.224 CR with "Cookie: mstshash=admin", as a scanner sent it to port 502.
        SAMPLES.put(Recognisers.RDP, new Sample(true, true, hex("0300002b26e00000000000436f6f6b69653a206d737473686173683d61646d696e0d0a0100080003000000")));
        SAMPLES.put(Recognisers.RFB, new Sample(true, false, ascii("RFB 003.008\n")));
        SAMPLES.put(Recognisers.TEAMVIEWER, new Sample(true, true, hex("1724100400000000000000000000")));
        SAMPLES.put(Recognisers.WIREGUARD, new Sample(false, true, wireGuardInitiation()));
        // Hard reset from a client without tls-auth: opcode 7 key 0, session id, no acks, packet id 0.
        SAMPLES.put(Recognisers.OPENVPN, new Sample(false, true, hex("38 1f2e3d4c5b6a7988 00 00000000")));
        SAMPLES.put(Recognisers.SSDP, new Sample(false, true, ascii("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n\r\n")));
        SAMPLES.put(Recognisers.SYSLOG, new Sample(false, true, ascii("<34>Oct 11 22:14:15 xray-07 su: 'su root' failed")));
        // SNMPv2c get-request, community "public".
        SAMPLES.put(Recognisers.SNMP, new Sample(false, true, hex("302602010104067075626c6963a019020401020304020100020100300b300906052b060102010500")));
        // Read holding registers: transaction 1, protocol 0, length 6, unit 1, function 3.
        SAMPLES.put(Recognisers.MODBUS, new Sample(true, true, hex("000100000006010300000002")));
        SAMPLES.put(Recognisers.OPC_UA, new Sample(true, true, opcUaHello()));
        SAMPLES.put(Recognisers.TELNET, new Sample(true, false, hex("fffd18fffd20fffd23fffd27")));
        SAMPLES.put(Recognisers.SHELL, new Sample(true, false, ascii("Microsoft Windows [Version 10.0.19045.3693]\r\n")));
        SAMPLES.put(Recognisers.FTP, new Sample(true, false, ascii("220 (vsFTPd 3.0.3)\r\n")));
        SAMPLES.put(Recognisers.SMTP, new Sample(true, false, ascii("220 mail.example ESMTP Postfix\r\n")));
    }

    @Test
    void everyProbeTakesItsOwnSampleAndNoOther() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(Recognisers.ALL);
        for (var probe : SAMPLES.keySet()) {
            for (var sample : SAMPLES.entrySet()) {
                Sample s = sample.getValue();
                boolean taken = probe.probe().matches(MemorySegment.ofArray(s.bytes()), 0, s.bytes().length, s.stream(),
                        s.fromOriginator());
                assertThat(taken).as("%s probe on a %s sample", probe.name(), sample.getKey().name())
                        .isEqualTo(probe == sample.getKey());
            }
        }
    }

    @Test
    void openVpnOverTcpCarriesItsLength() {
        byte[] tcp = hex("000e 38 1f2e3d4c5b6a7988 00 00000000");
        assertThat(Recognisers.OPENVPN.probe().matches(MemorySegment.ofArray(tcp), 0, tcp.length, true, true)).isTrue();
        tcp[1] = 0x0f; // a length that does not fit
        assertThat(Recognisers.OPENVPN.probe().matches(MemorySegment.ofArray(tcp), 0, tcp.length, true, true)).isFalse();
    }

    @Test
    void clientCommandsNameFtpAndSmtpToo() {
        byte[] user = ascii("USER anonymous\r\n");
        byte[] ehlo = ascii("EHLO scanner-07.example\r\n");
        assertThat(Recognisers.FTP.probe().matches(MemorySegment.ofArray(user), 0, user.length, true, true)).isTrue();
        assertThat(Recognisers.SMTP.probe().matches(MemorySegment.ofArray(ehlo), 0, ehlo.length, true, true)).isTrue();
        assertThat(Recognisers.SMTP.probe().matches(MemorySegment.ofArray(user), 0, user.length, true, true)).isFalse();
    }

    @Test
    void randomPayloadsAreRarelyTaken() {
        Random random = new Random(9);
        Map<String, Integer> taken = new LinkedHashMap<>();
        for (int i = 0; i < 50_000; i++) {
            byte[] junk = new byte[1 + random.nextInt(200)];
            random.nextBytes(junk);
            boolean stream = random.nextBoolean();
            for (ProtocolSpec spec : Recognisers.ALL) {
                if (spec.probe().matches(MemorySegment.ofArray(junk), 0, junk.length, stream, random.nextBoolean())) {
                    taken.merge(spec.name(), 1, Integer::sum);
                }
            }
        }
        // TeamViewer's two magic bytes are the weakest test: about 1 in 32,768 streams per magic.
        taken.forEach((name, n) -> assertThat(n).as(name).isLessThan(10));
    }
}
