package io.telltale.testdata.scenario.normal;

import io.telltale.testdata.payload.Dicom;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.DicomTalk;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Truth;
import java.util.List;

/**
 * N1: the checkpoint CT stores each tray's CT volume (50–150 MB, JPEG-LS) and its threat detection
 * report (10–50 kB) at the image server, one association per tray, 150–300 trays an hour at peak.
 * The twin ({@code N1-twin}) does the same on port 4242, which the policy declares.
 */
public final class CtImagesToCip extends BaseScenario {

    private final int port;

    public CtImagesToCip(String id, int port) {
        super(id, Label.NORMAL, port == 11112 ? "checkpoint CT stores each tray's DICOS CT and TDR at the image server"
                : "negative twin: the same stores on port " + port + ", declared in the policy");
        this.port = port;
    }

    @Override
    public void plan(Plan plan) {
        Device ct = plan.site().device("CT-L1");
        Device cip = plan.site().device("CIP");
        double peak = port == 11112 ? 220 : 12;
        plan.arrivals(plan.start(), plan.end(), peak, at -> plan.at(at, talk -> {
            List<Dicom.Context> contexts = List.of(
                    new Dicom.Context(1, Dicom.DICOS_CT, List.of(Dicom.JPEG_LS_LOSSLESS, Dicom.EXPLICIT_LE)),
                    new Dicom.Context(3, Dicom.DICOS_TDR, List.of(Dicom.EXPLICIT_LE)));
            int ctBytes = plan.scaled(50_000_000L + talk.random().nextInt(100_000_000), 2_000);
            int tdrBytes = plan.scaled(10_000 + talk.random().nextInt(40_000), 600);
            DicomTalk.storeAll(talk, talk.tcp(ct, cip, port, talk.start()), cip.aeTitle(), ct.aeTitle(), contexts, null,
                    List.of(new DicomTalk.Store(Dicom.DICOS_CT, 1, ctBytes), new DicomTalk.Store(Dicom.DICOS_TDR, 3, tdrBytes)));
        }));
        normal(plan, ct, new Truth.Remote(cip.ip(), null, "tcp", port));
    }
}
