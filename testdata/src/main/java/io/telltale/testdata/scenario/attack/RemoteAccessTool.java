package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Bytes;
import io.telltale.testdata.payload.Tls;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Certificates;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Site;
import io.telltale.testdata.scenario.Truth;
import io.telltale.testdata.wire.TcpConnection;
import java.net.InetAddress;
import java.util.List;

/**
 * A9: a remote-access tool on the CT for 35 minutes, a keep-alive every 30 s and 5–50 MB of screen
 * going out. (a) TeamViewer: TCP 5938 to {@code router7.teamviewer.com}, every message starting
 * {@code 17 24} (its protocol header as nDPI recognises it). (b) AnyDesk: TLS on 443 to
 * {@code relay-1a2b3c4d.net.anydesk.com}, whose relay shows AnyDesk's self-made "AnyDesk Client"
 * certificate.
 */
public final class RemoteAccessTool extends BaseScenario {

    static final String TEAMVIEWER = "router7.teamviewer.com";
    static final InetAddress TEAMVIEWER_ADDRESS = Site.address("203.0.113.17");
    static final String ANYDESK = "relay-1a2b3c4d.net.anydesk.com";
    static final InetAddress ANYDESK_ADDRESS = Site.address("203.0.113.18");

    private final boolean anydesk;

    public RemoteAccessTool(String id, boolean anydesk) {
        super(id, Label.MALICIOUS, anydesk ? "AnyDesk session from the CT via " + ANYDESK
                : "TeamViewer session from the CT via " + TEAMVIEWER + ":5938");
        this.anydesk = anydesk;
    }

    @Override
    public void plan(Plan plan) {
        Device ct = plan.site().device("CT-L1");
        long start = Plan.dayOf(plan.start()) + (anydesk ? 20 : 19) * HOUR + 5 * MINUTE;
        long end = start + 35 * MINUTE;
        int screen = plan.scaled(5_000_000 + plan.random().nextInt(45_000_000), 60_000);
        String name = anydesk ? ANYDESK : TEAMVIEWER;
        InetAddress address = anydesk ? ANYDESK_ADDRESS : TEAMVIEWER_ADDRESS;
        plan.at(start, talk -> {
            long t = talk.resolve(ct, talk.start(), name, address);
            TcpConnection c = talk.tcp(ct, address, anydesk ? 443 : 5938, t + 400_000);
            if (anydesk) {
                talk.tls(c, ct, name, List.of(), List.of(Certificates.der("anydesk-client")), 0, 0);
            } else {
                c.clientSends(teamviewer(talk.random(), 0x10, 48));
                c.serverSends(teamviewer(talk.random(), 0x11, 64));
            }
            int keepAlives = (int) (35 * MINUTE / (30 * SECOND));
            for (int i = 0; i < keepAlives; i++) {
                c.idle(30 * SECOND);
                byte[] up = anydesk ? Tls.applicationData(screen / keepAlives, talk.random())
                        : teamviewer(talk.random(), 0x25, screen / keepAlives);
                c.clientSends(up);
                c.serverSends(anydesk ? Tls.applicationData(100, talk.random()) : teamviewer(talk.random(), 0x26, 24));
            }
            c.close(true);
        });
        truth(plan, ct, new Truth.Remote(address.getHostAddress(), name, "tcp", anydesk ? 443 : 5938),
                List.of("remote-access", "internet-access"), Severity.CRITICAL, List.of("T1219.002", "T1133", "T0822"), start, end,
                new Truth.Expect(Truth.Expect.FLOWS, 1, 1, screen - screen / 10, screen + screen / 5 + 10_000, 1_000, 200_000, 0, 0),
                List.of());
    }

    /** A TeamViewer message: {@code 17 24}, a command byte, a length, then the (encrypted) body. */
    static byte[] teamviewer(java.util.Random random, int command, int length) {
        return new Bytes().u8(0x17).u8(0x24).u8(command).le32(length).put(Bytes.random(random, length)).bytes();
    }
}
