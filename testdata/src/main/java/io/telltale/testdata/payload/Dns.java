package io.telltale.testdata.payload;

import java.net.InetAddress;
import java.util.List;

/**
 * DNS messages (RFC 1035): a query with one question and EDNS0, and its answer with the question
 * echoed, the answer records named by a compression pointer to the question (offset 12), and the
 * response code.
 */
public final class Dns {

    public static final int A = 1;
    public static final int NS = 2;
    public static final int CNAME = 5;
    public static final int NULL = 10;
    public static final int MX = 15;
    public static final int TXT = 16;
    public static final int AAAA = 28;
    public static final int OPT = 41;
    public static final int NOERROR = 0;
    public static final int NXDOMAIN = 3;

    /** One answer's type and RDATA. */
    public record Answer(int type, int ttl, byte[] data) {

        public static Answer address(InetAddress a, int ttl) {
            return new Answer(a.getAddress().length == 4 ? A : AAAA, ttl, a.getAddress());
        }

        public static Answer text(String text, int ttl) {
            byte[] t = Bytes.text(text);
            Bytes b = new Bytes();
            for (int at = 0; at < t.length; at += 255) {
                int n = Math.min(255, t.length - at);
                b.u8(n).put(java.util.Arrays.copyOfRange(t, at, at + n));
            }
            return new Answer(TXT, ttl, b.bytes());
        }

        public static Answer name(int type, String name, int ttl) {
            return new Answer(type, ttl, encodeName(name));
        }
    }

    private Dns() {
    }

    public static byte[] query(int id, String name, int type) {
        return new Bytes().u16(id).u16(0x0100).u16(1).u16(0).u16(0).u16(1).put(question(name, type)).put(opt()).bytes();
    }

    public static byte[] response(int id, String name, int type, int rcode, List<Answer> answers) {
        Bytes b = new Bytes().u16(id).u16(0x8180 | rcode).u16(1).u16(answers.size()).u16(0).u16(1).put(question(name, type));
        for (Answer a : answers) {
            b.u16(0xc00c).u16(a.type()).u16(1).u32(a.ttl()).u16(a.data().length).put(a.data());
        }
        return b.put(opt()).bytes();
    }

    static byte[] question(String name, int type) {
        return new Bytes().put(encodeName(name)).u16(type).u16(1).bytes();
    }

    /** OPT pseudo-record: root name, UDP payload size 1232 (the DNS flag day value). */
    static byte[] opt() {
        return new Bytes().u8(0).u16(OPT).u16(1232).u32(0).u16(0).bytes();
    }

    /** A name as labels; each label's bytes are taken as they are (a tunnel's label may hold any byte). */
    public static byte[] encodeName(String name) {
        Bytes b = new Bytes();
        if (!name.isEmpty()) {
            for (String label : name.split("\\.")) {
                byte[] l = label.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                if (l.length == 0 || l.length > 63) {
                    throw new IllegalArgumentException("label of " + l.length + " bytes in " + name);
                }
                b.u8(l.length).put(l);
            }
        }
        return b.u8(0).bytes();
    }
}
