package io.telltale.analysis.dissect.tls;

import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.X509Record;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Reads the certificate chain of a TLS Certificate message (RFC 5246 §7.4.2) with the JDK's X.509
 * parser, the one every Java TLS stack trusts, rather than a hand-made ASN.1 reader.
 */
final class Certificates {

    /** Chains longer than this are cut: no real server sends one. */
    static final int MAX_CHAIN = 10;

    private Certificates() {
    }

    /** What a Certificate message held: the records, and how many certificates would not parse. */
    record Chain(List<X509Record> certificates, int unparsable) {
    }

    /** Reads {@code body[from, to)}: a 3-byte list length, then each certificate with a 3-byte length. */
    static Chain read(byte[] body, int from, int to, FlowContext flow, long timestampNanos) {
        List<X509Record> out = new ArrayList<>();
        int unparsable = 0;
        if (to - from < 3) {
            return new Chain(out, 1);
        }
        int end = Math.min(to, from + 3 + u24(body, from));
        int at = from + 3;
        while (at + 3 <= end && out.size() + unparsable < MAX_CHAIN) {
            int length = u24(body, at);
            if (at + 3 + length > end) {
                unparsable++;
                break;
            }
            X509Record record = parse(body, at + 3, length, out.size(), flow, timestampNanos);
            if (record == null) {
                unparsable++;
            } else {
                out.add(record);
            }
            at += 3 + length;
        }
        return new Chain(out, unparsable);
    }

    private static X509Record parse(byte[] der, int at, int length, int index, FlowContext flow, long timestampNanos) {
        X509Certificate c;
        try {
            c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der, at, length));
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
        List<String> dns = new ArrayList<>();
        List<String> ip = new ArrayList<>();
        List<String> email = new ArrayList<>();
        List<String> uri = new ArrayList<>();
        try {
            Collection<List<?>> names = c.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (name.size() < 2 || !(name.get(0) instanceof Integer type) || !(name.get(1) instanceof String value)) {
                        continue;
                    }
                    switch (type) {
                        case 1 -> email.add(value);
                        case 2 -> dns.add(value);
                        case 6 -> uri.add(value);
                        case 7 -> ip.add(value);
                        default -> {
                        }
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // the SAN extension is malformed: the rest of the certificate still stands
        }
        int pathLength = c.getBasicConstraints();
        boolean hasBasicConstraints = c.getExtensionValue("2.5.29.19") != null;
        return new X509Record(flow.flowId(), timestampNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), index, digest("SHA-256", der, at, length),
                digest("SHA-1", der, at, length), c.getVersion(), serial(c.getSerialNumber()),
                c.getSubjectX500Principal().getName(X500Principal.RFC2253),
                c.getIssuerX500Principal().getName(X500Principal.RFC2253), c.getNotBefore().getTime(),
                c.getNotAfter().getTime(), keyAlgorithm(c.getPublicKey().getAlgorithm()), signatureAlgorithm(c),
                keyLength(c.getPublicKey()),
                dns, ip, email, uri, hasBasicConstraints ? pathLength >= 0 : null, selfSigned(c));
    }

    /** The key algorithm as OpenSSL (and so Zeek and Arkime) names it. */
    static String keyAlgorithm(String jca) {
        return switch (jca) {
            case "RSA" -> "rsaEncryption";
            case "EC" -> "id-ecPublicKey";
            case "DSA" -> "dsaEncryption";
            case "Ed25519" -> "ED25519";
            case "Ed448" -> "ED448";
            case "RSASSA-PSS" -> "rsassaPss";
            default -> jca;
        };
    }

    /** The signature algorithm by OpenSSL's name for its OID, the JDK's name for an OID we do not list. */
    static String signatureAlgorithm(X509Certificate c) {
        return switch (c.getSigAlgOID()) {
            case "1.2.840.113549.1.1.4" -> "md5WithRSAEncryption";
            case "1.2.840.113549.1.1.5" -> "sha1WithRSAEncryption";
            case "1.2.840.113549.1.1.11" -> "sha256WithRSAEncryption";
            case "1.2.840.113549.1.1.12" -> "sha384WithRSAEncryption";
            case "1.2.840.113549.1.1.13" -> "sha512WithRSAEncryption";
            case "1.2.840.113549.1.1.10" -> "rsassaPss";
            case "1.2.840.10045.4.1" -> "ecdsa-with-SHA1";
            case "1.2.840.10045.4.3.2" -> "ecdsa-with-SHA256";
            case "1.2.840.10045.4.3.3" -> "ecdsa-with-SHA384";
            case "1.2.840.10045.4.3.4" -> "ecdsa-with-SHA512";
            case "1.3.101.112" -> "ED25519";
            default -> c.getSigAlgName();
        };
    }

    /** Hex as Arkime and OpenSSL print a serial: the two's complement magnitude, an even number of digits. */
    static String serial(BigInteger serial) {
        if (serial.signum() > 0) {
            // the bytes without their leading zero bytes: the same digits as toString(16) padded to even, without
            // BigInteger's general radix conversion, which showed in a profile of a busy read (and in C2's time)
            byte[] bytes = serial.toByteArray();
            int first = 0;
            while (bytes[first] == 0) {
                first++;
            }
            return java.util.HexFormat.of().formatHex(bytes, first, bytes.length);
        }
        String hex = serial.toString(16);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static int keyLength(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> rsa.getModulus().bitLength();
            case ECPublicKey ec -> ec.getParams().getCurve().getField().getFieldSize();
            case DSAPublicKey dsa -> dsa.getParams() == null ? -1 : dsa.getParams().getP().bitLength();
            default -> -1;
        };
    }

    private static String digest(String algorithm, byte[] der, int at, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(der, at, length);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    private static int u24(byte[] b, int at) {
        return ((b[at] & 0xff) << 16) | ((b[at + 1] & 0xff) << 8) | (b[at + 2] & 0xff);
    }
}
