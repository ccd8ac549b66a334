package io.telltale.analysis.dissect.dns;

import io.telltale.capture.flow.Addresses;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed DNS message (RFC 1035 §4.1): the header, the first question, and the answer-section
 * records as Zeek prints them. Reused for every message of a session; {@link #parse} returns false
 * for a malformed message and leaves what it could read.
 *
 * <pre>
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                      ID                       |
 * |QR|   Opcode  |AA|TC|RD|RA|   Z    |   RCODE   |
 * |    QDCOUNT    |    ANCOUNT    | NSCOUNT | ARCOUNT
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * </pre>
 */
final class DnsMessage {

    static final int HEADER_LENGTH = 12;
    /** More questions or records than this is not a DNS message we will walk. */
    static final int MAX_QUESTIONS = 16;
    static final int MAX_RECORDS = 512;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    int id;
    boolean response;
    int opcode;
    boolean authoritative;
    boolean truncated;
    boolean recursionDesired;
    boolean recursionAvailable;
    int z;
    int rcode;
    int questions;
    int answerCount;
    String query;
    int queryType;
    int queryClass;
    String firstAnswerOwner;
    final List<String> answers = new ArrayList<>();
    final List<Long> ttls = new ArrayList<>();
    private final DnsNames names = new DnsNames();

    /** True when the header looks like DNS: the cheap test a probe can afford. */
    static boolean plausibleHeader(MemorySegment data, long offset, int length) {
        if (length < HEADER_LENGTH) {
            return false;
        }
        int flags = u16(data, offset + 2);
        int opcode = (flags >>> 11) & 0xf;
        int questions = u16(data, offset + 4);
        int records = u16(data, offset + 6) + u16(data, offset + 8) + u16(data, offset + 10);
        boolean response = (flags & 0x8000) != 0;
        return opcode <= 6 && questions <= MAX_QUESTIONS && records <= MAX_RECORDS
                && (questions > 0 || (response && records > 0));
    }

    boolean parse(MemorySegment data, long base, int length, boolean netbios) {
        query = null;
        queryType = -1;
        queryClass = -1;
        firstAnswerOwner = null;
        answers.clear();
        ttls.clear();
        if (!plausibleHeader(data, base, length)) {
            return false;
        }
        id = u16(data, base);
        int flags = u16(data, base + 2);
        response = (flags & 0x8000) != 0;
        opcode = (flags >>> 11) & 0xf;
        authoritative = (flags & 0x0400) != 0;
        truncated = (flags & 0x0200) != 0;
        recursionDesired = (flags & 0x0100) != 0;
        recursionAvailable = (flags & 0x0080) != 0;
        z = (flags >>> 4) & 0x7;
        rcode = flags & 0xf;
        questions = u16(data, base + 4);
        answerCount = u16(data, base + 6);
        int at = HEADER_LENGTH;
        for (int i = 0; i < questions; i++) {
            if (!names.read(data, base, length, at) || names.end() + 4 > length) {
                return false;
            }
            if (i == 0) {
                query = names.text(netbios);
                queryType = u16(data, base + names.end());
                queryClass = u16(data, base + names.end() + 2);
            }
            at = names.end() + 4;
        }
        for (int i = 0; i < answerCount; i++) {
            if (!names.read(data, base, length, at) || names.end() + 10 > length) {
                return false;
            }
            String owner = names.text(netbios);
            int rdata = names.end() + 10;
            int type = u16(data, base + names.end());
            long ttl = Integer.toUnsignedLong(data.get(U32, base + names.end() + 4));
            int rdLength = u16(data, base + names.end() + 8);
            if (rdata + rdLength > length) {
                return false;
            }
            String answer = answerText(data, base, length, type, rdata, rdLength, netbios);
            if (answer != null) {
                if (firstAnswerOwner == null) {
                    firstAnswerOwner = owner;
                }
                answers.add(answer);
                ttls.add(ttl);
            }
            at = rdata + rdLength;
        }
        return true;
    }

    /** Answer data as Zeek's dns.log shows it, or null for records Zeek does not list (OPT). */
    private String answerText(MemorySegment data, long base, int length, int type, int at, int rdLength, boolean netbios) {
        switch (type) {
            case 1 -> {
                if (rdLength != 4) {
                    return "<malformed A>";
                }
                return Addresses.text(0, Addresses.mapIpv4(data.get(U32, base + at)));
            }
            case 28 -> {
                if (rdLength != 16) {
                    return "<malformed AAAA>";
                }
                long high = data.get(U64, base + at);
                long low = data.get(U64, base + at + 8);
                return Addresses.text(high, low);
            }
            case 2, 5, 12, 39 -> {
                return names.read(data, base, length, at) ? names.text(netbios) : "<malformed name>";
            }
            case 15 -> {
                return rdLength > 2 && names.read(data, base, length, at + 2) ? names.text(netbios) : "<malformed MX>";
            }
            case 33 -> {
                return rdLength > 6 && names.read(data, base, length, at + 6) ? names.text(netbios) : "<malformed SRV>";
            }
            case 6 -> {
                return names.read(data, base, length, at) ? names.text(netbios) : "<malformed SOA>";
            }
            case 16, 99 -> {
                return characterStrings(data, base, at, rdLength, type == 16 ? "TXT" : "SPF");
            }
            case 41, 249, 250 -> {
                return null; // OPT, TKEY and TSIG carry no answer Zeek lists
            }
            default -> {
                return "<unknown type=" + type + ">";
            }
        }
    }

    /** TXT and SPF data: each character-string as {@code TXT <length> <text>}, joined by spaces. */
    private static String characterStrings(MemorySegment data, long base, int at, int rdLength, String kind) {
        StringBuilder out = new StringBuilder();
        int cursor = at;
        int end = at + rdLength;
        for (int i = 0; cursor < end && i < 256; i++) {
            int n = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, base + cursor));
            cursor++;
            int take = Math.min(n, end - cursor);
            byte[] bytes = new byte[take];
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, base + cursor, bytes, 0, take);
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(kind).append(' ').append(take).append(' ')
                    .append(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
            cursor += take;
        }
        return out.toString();
    }

    private static int u16(MemorySegment data, long at) {
        return Short.toUnsignedInt(data.get(U16, at));
    }
}
