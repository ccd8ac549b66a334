package io.telltale.testdata.scenario.normal;

import io.telltale.testdata.payload.Bytes;
import io.telltale.testdata.payload.Ntlm;
import io.telltale.testdata.payload.Smb2;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Truth;
import io.telltale.testdata.wire.TcpConnection;

/**
 * N5: the TIP server pushes the week's threat-image library to each X-ray over SMB 3.0.2 (its
 * {@code TIP} share), inside the nightly window 02:00–03:00 on the first night of each week: logs in
 * as {@code SITE\tipsvc} (NTLM), writes one HIF file of 50–500 MB in 64 KiB writes, and leaves.
 */
public final class TipLibraryUpdate extends BaseScenario {

    static final int WRITE_BYTES = 65_536;

    public TipLibraryUpdate() {
        super("N5", Label.NORMAL, "TIP server writes the weekly threat-image library to the X-rays over SMB, 02:00-03:00");
    }

    @Override
    public void plan(Plan plan) {
        Device tip = plan.site().device("TIP");
        for (long night = Plan.dayOf(plan.start()); night < plan.end(); night += 7 * DAY) {
            int order = 0;
            for (Device scanner : plan.site().scanners()) {
                if (!scanner.group().contains("xray") && !scanner.group().contains("ct")) {
                    continue;
                }
                long at = night + 2 * HOUR + 5 * MINUTE + (order++) * 20 * MINUTE + plan.random().nextInt(60) * SECOND;
                int size = plan.scaled(50_000_000L + plan.random().nextInt(450_000_000), 200_000);
                plan.at(at, talk -> push(talk, tip, scanner, size));
            }
        }
        for (Device scanner : plan.site().scanners()) {
            if (scanner.group().contains("xray") || scanner.group().contains("ct")) {
                normal(plan, tip, new Truth.Remote(scanner.ip(), null, "tcp", 445));
            }
        }
    }

    static void push(io.telltale.testdata.scenario.Talk talk, Device tip, Device scanner, int size) {
        long fileTime = (talk.start() / 100) + 116_444_736_000_000_000L;
        Smb2 smb = new Smb2(talk.random());
        TcpConnection c = talk.tcp(tip, scanner, 445, talk.start());
        c.clientSends(smb.negotiateRequest());
        c.serverSends(smb.negotiateResponse(fileTime));
        c.clientSends(smb.sessionSetupRequest(Ntlm.negotiate()));
        c.serverSends(smb.sessionSetupResponse(Ntlm.challenge("SITE", scanner.name(), "scan.airport.lan",
                scanner.name().toLowerCase(java.util.Locale.ROOT) + ".scan.airport.lan", fileTime, talk.random()), true));
        c.clientSends(smb.sessionSetupRequest(Ntlm.authenticate("SITE", "tipsvc", tip.name(), talk.random())));
        c.serverSends(smb.sessionSetupResponse(new byte[0], false));
        c.clientSends(smb.treeConnectRequest("\\\\" + scanner.ip() + "\\TIP"));
        c.serverSends(smb.treeConnectResponse());
        c.clientSends(smb.createRequest("library\\tip-week.hif"));
        c.serverSends(smb.createResponse(fileTime));
        for (long offset = 0; offset < size; offset += WRITE_BYTES) {
            int n = (int) Math.min(WRITE_BYTES, size - offset);
            c.clientSends(smb.writeRequest(offset, Bytes.random(talk.random(), n)));
            c.serverSends(smb.writeResponse(n));
        }
        c.clientSends(smb.closeRequest());
        c.serverSends(smb.closeResponse());
        c.clientSends(smb.treeDisconnectRequest());
        c.serverSends(smb.treeDisconnectResponse());
        c.clientSends(smb.logoffRequest());
        c.serverSends(smb.logoffResponse());
        c.close(true);
    }
}
