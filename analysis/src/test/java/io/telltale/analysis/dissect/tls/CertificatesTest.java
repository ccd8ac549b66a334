package io.telltale.analysis.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.X509Record;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A self-signed certificate made by the JDK's own keytool, as a vendor's device would carry one,
 * read back from a TLS Certificate message; then cut and corrupted messages, which throw nothing.
 */
class CertificatesTest {

    static final FlowContext FLOW = new FlowContext(8, true, "10.0.0.7", 51000, "203.0.113.9", 443, false);

    static byte[] selfSigned(Path dir) throws Exception {
        return selfSigned(dir, "CN=update.vendor.example, O=Example Scanners",
                "SAN=dns:update.vendor.example,dns:*.telemetry.vendor.example,ip:192.0.2.10");
    }

    static byte[] selfSigned(Path dir, String name, String extension) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = dir.resolve("device.p12");
        Path der = dir.resolve("device.der");
        run(keytool.toString(), "-genkeypair", "-keystore", store.toString(), "-storepass", "changeit", "-alias", "device",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", name, "-ext", extension, "-validity", "3650");
        run(keytool.toString(), "-exportcert", "-keystore", store.toString(), "-storepass", "changeit", "-alias", "device",
                "-file", der.toString());
        return Files.readAllBytes(der);
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
    }

    /** A Certificate handshake body: the list length, then each certificate with its length. */
    static byte[] message(byte[]... certificates) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (byte[] c : certificates) {
            list.write(c.length >>> 16);
            list.write(c.length >>> 8);
            list.write(c.length);
            list.writeBytes(c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(list.size() >>> 16);
        out.write(list.size() >>> 8);
        out.write(list.size());
        out.writeBytes(list.toByteArray());
        return out.toByteArray();
    }

    @Test
    void aSelfSignedDeviceCertificateReadsBack(@TempDir Path dir) throws Exception {
        byte[] der = selfSigned(dir);
        byte[] body = message(der);
        Certificates.Chain chain = Certificates.read(body, 0, body.length, FLOW, 1);
        assertThat(chain.unparsable()).isZero();
        X509Record r = chain.certificates().getFirst();
        assertThat(r.subject()).isEqualTo("CN=update.vendor.example,O=Example Scanners");
        assertThat(r.issuer()).isEqualTo(r.subject());
        assertThat(r.selfSigned()).isTrue();
        assertThat(r.keyAlgorithm()).isEqualTo("id-ecPublicKey");
        assertThat(r.signatureAlgorithm()).as("keytool's default for P-256 keys").isEqualTo("ecdsa-with-SHA384");
        assertThat(r.keyLength()).isEqualTo(256);
        assertThat(r.sanDns()).containsExactly("update.vendor.example", "*.telemetry.vendor.example");
        assertThat(r.sanIp()).containsExactly("192.0.2.10");
        assertThat(r.notAfterMillis() - r.notBeforeMillis()).isEqualTo(3650L * 24 * 3600 * 1000);
        assertThat(r.sha256()).hasSize(64);
        assertThat(CertificateNames.matches(r, "update.vendor.example")).isTrue();
        assertThat(CertificateNames.matches(r, "eu.telemetry.vendor.example")).isTrue();
        assertThat(CertificateNames.matches(r, "a.b.telemetry.vendor.example")).isFalse();
        assertThat(CertificateNames.matches(r, "vendor.example")).isFalse();
    }

    @Test
    void anAnyDeskCertificateNamesTheTool(@TempDir Path dir) throws Exception {
        byte[] body = message(selfSigned(dir, "CN=AnyDesk Client", "KU=digitalSignature"));
        X509Record r = Certificates.read(body, 0, body.length, FLOW, 1).certificates().getFirst();
        assertThat(TlsApplications.of(null, java.util.List.of(), r)).isEqualTo("anydesk");
        java.nio.file.Files.createDirectories(dir.resolve("other"));
        byte[] other = message(selfSigned(dir.resolve("other"), "CN=AnyDesk Clientele Portal", "KU=digitalSignature"));
        assertThat(TlsApplications.of(null, java.util.List.of(), Certificates.read(other, 0, other.length, FLOW, 1).certificates()
                .getFirst())).isNull();
    }

    @Test
    void cutAndCorruptedMessagesThrowNothing(@TempDir Path dir) throws Exception {
        byte[] body = message(selfSigned(dir));
        for (int cut = 0; cut <= body.length; cut += 7) {
            Certificates.read(body, 0, cut, FLOW, 1);
        }
        Random random = new Random(2);
        int unparsable = 0;
        for (int i = 0; i < 300; i++) {
            byte[] noisy = body.clone();
            noisy[6 + random.nextInt(noisy.length - 6)] ^= (byte) (1 + random.nextInt(255));
            Certificates.Chain chain = Certificates.read(noisy, 0, noisy.length, FLOW, 1);
            unparsable += chain.unparsable();
            assertThat(chain.certificates().size() + chain.unparsable()).isLessThanOrEqualTo(1);
        }
        assertThat(unparsable).isPositive();
        assertThat(Certificates.read(body, 0, 2, FLOW, 1)).isEqualTo(new Certificates.Chain(List.of(), 1));
    }
}
