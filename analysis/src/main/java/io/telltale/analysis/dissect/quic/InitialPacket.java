package io.telltale.analysis.dissect.quic;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens one Initial packet of a datagram, client's or server's (RFC 9000 §17.2.2): reads the long header, removes
 * header protection, decrypts the payload with AES-128-GCM and hands back the plaintext frames.
 * Returns null for anything that is not a decryptable Initial; never throws.
 */
final class InitialPacket {

    /**
     * The frames of an opened packet, where the next packet of the datagram starts, and the packet's
     * connection ids.
     */
    record Opened(int version, byte[] frames, int next, byte[] destinationId, byte[] sourceId) {
    }

    private InitialPacket() {
    }

    static boolean isInitial(int first, int version) {
        if ((first & 0xc0) != 0xc0) {
            return false;
        }
        int type = (first >>> 4) & 3;
        return (version == InitialKeys.VERSION_1 && type == 0) || (version == InitialKeys.VERSION_2 && type == 1);
    }

    /**
     * @param keyId the connection id the keys derive from (the client's first destination id), or null
     *     for this packet's own destination id (a client's first Initial)
     */
    static Opened open(byte[] d, int at, int end, byte[] keyId, boolean server) {
        try {
            if (end - at < 7) {
                return null;
            }
            int first = d[at] & 0xff;
            int version = ((d[at + 1] & 0xff) << 24) | ((d[at + 2] & 0xff) << 16) | ((d[at + 3] & 0xff) << 8) | (d[at + 4] & 0xff);
            if (!isInitial(first, version)) {
                return null;
            }
            int p = at + 5;
            int dcidLength = d[p++] & 0xff;
            if (dcidLength > 20 || p + dcidLength + 1 > end) {
                return null;
            }
            byte[] dcid = Arrays.copyOfRange(d, p, p + dcidLength);
            p += dcidLength;
            int scidLength = d[p++] & 0xff;
            if (scidLength > 20 || p + scidLength > end) {
                return null;
            }
            byte[] scid = Arrays.copyOfRange(d, p, p + scidLength);
            p += scidLength;
            long[] v = new long[1];
            p = varint(d, p, end, v);
            if (p < 0 || p + v[0] > end) {
                return null;
            }
            p += (int) v[0]; // token
            p = varint(d, p, end, v);
            if (p < 0 || v[0] < 20 || p + v[0] > end) {
                return null;
            }
            int pnOffset = p;
            int packetEnd = (int) (pnOffset + v[0]);
            InitialKeys keys = InitialKeys.of(version, keyId == null ? dcid : keyId, server);
            byte[] header = Arrays.copyOfRange(d, at, pnOffset + 4);
            byte[] mask = keys.mask(d, pnOffset + 4);
            header[0] ^= (byte) (mask[0] & 0x0f);
            int pnLength = (header[0] & 3) + 1;
            long packetNumber = 0;
            for (int i = 0; i < pnLength; i++) {
                header[pnOffset - at + i] ^= mask[1 + i];
                packetNumber = (packetNumber << 8) | (header[pnOffset - at + i] & 0xff);
            }
            byte[] aad = Arrays.copyOf(header, pnOffset - at + pnLength);
            byte[] nonce = keys.iv().clone();
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (packetNumber >>> (8 * i));
            }
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(aad);
            int payload = pnOffset + pnLength;
            byte[] frames = gcm.doFinal(d, payload, packetEnd - payload);
            return new Opened(version, frames, packetEnd, dcid, scid);
        } catch (AEADBadTagException e) {
            return null; // not a client Initial after all (a server's, or damaged)
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    /** Reads a variable-length integer (RFC 9000 §16); returns the next offset, or -1 past the end. */
    static int varint(byte[] d, int at, int end, long[] out) {
        if (at >= end) {
            return -1;
        }
        int length = 1 << ((d[at] & 0xff) >>> 6);
        if (at + length > end) {
            return -1;
        }
        long value = d[at] & 0x3f;
        for (int i = 1; i < length; i++) {
            value = (value << 8) | (d[at + i] & 0xff);
        }
        out[0] = value;
        return at + length;
    }
}
