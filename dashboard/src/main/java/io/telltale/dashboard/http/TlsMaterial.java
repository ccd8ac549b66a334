package io.telltale.dashboard.http;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The dashboard's certificate and key (PEM): the configured ones, or a self-signed ECDSA P-256
 * certificate made at the first start in {@code DATA/tls/} (for the host name, localhost and the
 * loopback addresses, valid two years), whose SHA-256 fingerprint the appliance prints so a browser's
 * warning can be checked against it.
 */
public record TlsMaterial(Path certificate, Path key, String fingerprint, boolean madeNow) {

    public static TlsMaterial configured(Path certificate, Path key) throws IOException {
        return new TlsMaterial(certificate, key, fingerprint(certificate), false);
    }

    /** The certificate in {@code dir}, made now if there is none. */
    public static TlsMaterial selfSigned(Path dir, String hostname) throws IOException {
        Path cert = dir.resolve("dashboard.pem");
        Path key = dir.resolve("dashboard.key");
        if (Files.exists(cert) && Files.exists(key)) {
            return new TlsMaterial(cert, key, fingerprint(cert), false);
        }
        Files.createDirectories(dir);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + hostname + ", O=Telltale dashboard");
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(730))), name, pair.getPublic());
            List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, hostname),
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            Files.writeString(cert, pem(certificate));
            Files.deleteIfExists(key);
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null).generate()));
            return new TlsMaterial(cert, key, fingerprint(cert), true);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the dashboard's certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    /** SHA-256 of the certificate's DER, as browsers show it ({@code AB:CD:...}). */
    static String fingerprint(Path certificate) throws IOException {
        try (var in = Files.newInputStream(certificate)) {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException(certificate + " is not a certificate: " + e.getMessage(), e);
        }
    }
}
