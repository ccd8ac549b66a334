package io.telltale.analysis.dissect.quic;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A side's Initial packet protection keys (RFC 9001 §5.2, RFC 9369 §3.3.1): HKDF-Extract of the
 * client's first destination connection id with the version's salt, then HKDF-Expand-Label for
 * "client in" or "server in" and the key, IV and header-protection key. Uses the JDK's HKDF (JEP 510) and AES.
 */
record InitialKeys(byte[] key, byte[] iv, byte[] headerProtection) {

    static final int VERSION_1 = 0x00000001;
    static final int VERSION_2 = 0x6b3343cf;

    private static final byte[] SALT_V1 = HexFormat.of().parseHex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    private static final byte[] SALT_V2 = HexFormat.of().parseHex("0dede3def700a6db819381be6e269dcbf9bd2ed9");

    /**
     * @param destinationConnectionId the client's first destination connection id: both sides' Initial
     *     keys derive from it (RFC 9001 §5.2)
     */
    static InitialKeys of(int version, byte[] destinationConnectionId, boolean server) throws GeneralSecurityException {
        boolean v2 = version == VERSION_2;
        KDF hkdf = KDF.getInstance("HKDF-SHA256");
        byte[] initial = hkdf.deriveData(HKDFParameterSpec.ofExtract().addIKM(destinationConnectionId)
                .addSalt(v2 ? SALT_V2 : SALT_V1).extractOnly());
        byte[] client = expandLabel(hkdf, initial, server ? "server in" : "client in", 32);
        String prefix = v2 ? "quicv2 " : "quic ";
        return new InitialKeys(expandLabel(hkdf, client, prefix + "key", 16), expandLabel(hkdf, client, prefix + "iv", 12),
                expandLabel(hkdf, client, prefix + "hp", 16));
    }

    /** TLS 1.3's HKDF-Expand-Label (RFC 8446 §7.1) with an empty context. */
    private static byte[] expandLabel(KDF hkdf, byte[] secret, String label, int length) throws GeneralSecurityException {
        byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] info = new byte[2 + 1 + full.length + 1];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) full.length;
        System.arraycopy(full, 0, info, 3, full.length);
        return hkdf.deriveData(HKDFParameterSpec.expandOnly(new SecretKeySpec(secret, "HKDF"), info, length));
    }

    /** The five bytes of header-protection mask for a 16-byte sample (RFC 9001 §5.4.3). */
    byte[] mask(byte[] packet, int sampleOffset) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(headerProtection, "AES"));
        return aes.doFinal(packet, sampleOffset, 16);
    }
}
