package io.telltale.testdata.payload;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * NTLMSSP messages ([MS-NLMP] 2.2.1): NEGOTIATE, the server's CHALLENGE with its names in the target
 * info, and the client's AUTHENTICATE with an NTLMv2 response of the right shape (random proof, since
 * nobody checks it).
 */
public final class Ntlm {

    static final long FLAGS = 0xe2888215L; // unicode, NTLM, always sign, extended session security, target info, 128, key exchange, 56

    private Ntlm() {
    }

    public static byte[] negotiate() {
        return new Bytes().put(signature()).le32(1).le32(FLAGS).zeros(16).put(version()).bytes();
    }

    public static byte[] challenge(String netbiosDomain, String netbiosComputer, String dnsDomain, String dnsComputer,
                                   long fileTime, Random random) {
        byte[] target = utf16(netbiosDomain);
        byte[] info = new Bytes().put(av(2, utf16(netbiosDomain))).put(av(1, utf16(netbiosComputer)))
                .put(av(4, utf16(dnsDomain))).put(av(3, utf16(dnsComputer))).put(av(7, new Bytes().le64(fileTime).bytes()))
                .le16(0).le16(0).bytes();
        int targetOffset = 56;
        int infoOffset = targetOffset + target.length;
        return new Bytes().put(signature()).le32(2).put(field(target.length, targetOffset)).le32(FLAGS)
                .put(Bytes.random(random, 8)).zeros(8).put(field(info.length, infoOffset)).put(version()).put(target).put(info)
                .bytes();
    }

    public static byte[] authenticate(String domain, String user, String workstation, Random random) {
        byte[] lm = new byte[24];
        byte[] nt = Bytes.concat(Bytes.random(random, 16), new byte[] {1, 1, 0, 0, 0, 0, 0, 0}, Bytes.random(random, 8),
                Bytes.random(random, 8), new byte[4], new byte[4]);
        byte[] d = utf16(domain);
        byte[] u = utf16(user);
        byte[] w = utf16(workstation);
        byte[] key = Bytes.random(random, 16);
        int at = 88;
        Bytes b = new Bytes().put(signature()).le32(3);
        b.put(field(lm.length, at));
        at += lm.length;
        b.put(field(nt.length, at));
        at += nt.length;
        b.put(field(d.length, at));
        at += d.length;
        b.put(field(u.length, at));
        at += u.length;
        b.put(field(w.length, at));
        at += w.length;
        b.put(field(key.length, at));
        return b.le32(FLAGS).put(version()).zeros(16).put(lm).put(nt).put(d).put(u).put(w).put(key).bytes();
    }

    static byte[] signature() {
        return Bytes.text("NTLMSSP\0");
    }

    /** Windows 10, build 19041, NTLM revision 15. */
    static byte[] version() {
        return new byte[] {10, 0, 0x61, 0x4a, 0, 0, 0, 15};
    }

    static byte[] field(int length, int offset) {
        return new Bytes().le16(length).le16(length).le32(offset).bytes();
    }

    static byte[] av(int id, byte[] value) {
        return new Bytes().le16(id).le16(value.length).put(value).bytes();
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }
}
