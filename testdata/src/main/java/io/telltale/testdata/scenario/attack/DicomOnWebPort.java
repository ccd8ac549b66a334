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
 * A12: every hour the X-ray sends a batch of DX images by DICOM on TCP 443 to 10.20.70.99, an internal
 * host nobody declared: a port a firewall lets through as "HTTPS", a protocol that is not.
 */
public final class DicomOnWebPort extends BaseScenario {

    static final InetAddress HOST = Site.address("10.20.70.99");

    public DicomOnWebPort() {
        super("A12", Label.MALICIOUS, "DICOM on TCP 443 to an undeclared internal host 10.20.70.99, hourly batches");
    }

    @Override
    public void plan(Plan plan) {
        Device xr = plan.site().device("XR-L2");
        long first = plan.start() + 47 * MINUTE;
        long batches = 0;
        long out = 0;
        for (long t = first; t < plan.end(); t += HOUR) {
            batches++;
            int objects = 4 + plan.random().nextInt(8);
            int each = plan.scaled(30_000_000 / 6, 1_000);
            out += (long) objects * each;
            plan.at(t, talk -> DicomTalk.storeAll(talk, talk.tcp(xr, HOST, 443, talk.start()), "STORE_SCP", xr.aeTitle(),
                    List.of(new Dicom.Context(1, Dicom.DICOS_DX, List.of(Dicom.EXPLICIT_LE))), null,
                    java.util.stream.IntStream.range(0, objects).mapToObj(i -> new DicomTalk.Store(Dicom.DICOS_DX, 1, each)).toList()));
        }
        truth(plan, xr, new Truth.Remote(HOST.getHostAddress(), null, "tcp", 443), List.of("protocol-port-mismatch", "undeclared-peer"),
                Severity.HIGH, List.of("T1571", "T0885"), first, plan.end(),
                new Truth.Expect(Truth.Expect.FLOWS, batches, batches, out, out + batches * 12 * 400 + batches * 2_000, batches * 200,
                        batches * 3_000, 3600, 0.001), List.of());
    }
}
