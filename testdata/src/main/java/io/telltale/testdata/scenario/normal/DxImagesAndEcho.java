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
 * N2: the dual-view X-ray stores two DX views per bag (4–8 MB each) at the image server, and checks
 * the server with a C-ECHO association every 60 s exactly, day and night: a perfect beacon that is
 * declared, the negative twin every beacon detector must stay quiet on.
 */
public final class DxImagesAndEcho extends BaseScenario {

    public DxImagesAndEcho() {
        super("N2", Label.NORMAL, "dual-view X-ray stores DX views at the image server; C-ECHO heartbeat every 60 s");
    }

    @Override
    public void plan(Plan plan) {
        Device xr = plan.site().device("XR-L2");
        Device cip = plan.site().device("CIP");
        plan.arrivals(plan.start(), plan.end(), 180, at -> plan.at(at, talk -> {
            List<Dicom.Context> contexts = List.of(
                    new Dicom.Context(1, Dicom.DICOS_DX, List.of(Dicom.EXPLICIT_LE)),
                    new Dicom.Context(3, Dicom.DICOS_DX_PROCESSING, List.of(Dicom.EXPLICIT_LE)));
            DicomTalk.storeAll(talk, talk.tcp(xr, cip, 11112, talk.start()), cip.aeTitle(), xr.aeTitle(), contexts, null,
                    List.of(new DicomTalk.Store(Dicom.DICOS_DX, 1, plan.scaled(4_000_000 + talk.random().nextInt(4_000_000), 1_000)),
                            new DicomTalk.Store(Dicom.DICOS_DX, 1, plan.scaled(4_000_000 + talk.random().nextInt(4_000_000), 1_000))));
        }));
        for (long t = plan.start() + 7 * SECOND; t < plan.end(); t += MINUTE) {
            plan.at(t, talk -> DicomTalk.echo(talk.tcp(xr, cip, 11112, talk.start()), cip.aeTitle(), xr.aeTitle()));
        }
        normal(plan, xr, new Truth.Remote(cip.ip(), null, "tcp", 11112));
    }
}
