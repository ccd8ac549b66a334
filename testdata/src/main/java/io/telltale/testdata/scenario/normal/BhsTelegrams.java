package io.telltale.testdata.scenario.normal;

import io.telltale.testdata.payload.Bytes;
import io.telltale.testdata.payload.Dicom;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.DicomTalk;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Truth;
import io.telltale.testdata.wire.TcpConnection;
import java.util.List;

/**
 * N6: the hold-baggage EDS and the BHS PLC exchange a telegram per bag on a long-lived TCP connection
 * (port 2000, STX/ETX framed: bag tag, machine, decision; the PLC acknowledges), up to 1,500 bags an
 * hour; the EDS stores each bag's CT volume at the image server. A17 is the same day with a gap: for
 * two hours the telegrams go on but 90 % of the image stores do not happen (the images leave another
 * way, a cellular modem the SPAN cannot see).
 */
public final class BhsTelegrams extends BaseScenario {

    private final boolean gap;

    public BhsTelegrams(String id, boolean gap) {
        super(id, gap ? Label.MALICIOUS : Label.NORMAL, gap
                ? "coverage gap: BHS reports bags screened by EDS-1 but 90 % of its images stop reaching the image server for 2 h"
                : "EDS and BHS PLC exchange a telegram per bag; EDS stores each bag's CT at the image server");
        this.gap = gap;
    }

    @Override
    public void plan(Plan plan) {
        Device eds = plan.site().device("EDS-1");
        Device plc = plan.site().device("BHS-PLC");
        Device cip = plan.site().device("CIP");
        long gapStart = Plan.dayOf(plan.start()) + 10 * HOUR;
        long gapEnd = gapStart + 2 * HOUR;
        for (long day = Plan.dayOf(plan.start()); day < plan.end(); day += DAY) {
            long open = day + 5 * HOUR + 20 * MINUTE;
            long close = day + 23 * HOUR;
            List<Long> bags = new java.util.ArrayList<>();
            plan.arrivals(open, close, 1_200, bags::add);
            plan.at(open, talk -> {
                TcpConnection c = talk.tcp(eds, plc, 2000, talk.start());
                long last = talk.start();
                int tag = 1_000_000 + talk.random().nextInt(8_000_000);
                for (long bag : bags) {
                    c.idle(Math.max(0, bag - c.now()));
                    String decision = talk.random().nextInt(12) == 0 ? "ALR" : "CLR";
                    c.clientSends(Bytes.text("\u0002BAG;0" + (tag++) + ";EDS1;" + decision + "\u0003"));
                    c.serverSends(Bytes.text("\u0002ACK;0" + (tag - 1) + "\u0003"));
                    last = c.now();
                }
                c.idle(Math.max(0, close - last));
                c.close(true);
            });
            for (long bag : bags) {
                if (gap && bag >= gapStart && bag < gapEnd && plan.random().nextInt(10) != 0) {
                    continue;
                }
                plan.at(bag + 2 * SECOND, talk -> DicomTalk.storeAll(talk, talk.tcp(eds, cip, 11112, talk.start()),
                        cip.aeTitle(), eds.aeTitle(), List.of(new Dicom.Context(1, Dicom.DICOS_CT, List.of(Dicom.JPEG_LS_LOSSLESS))),
                        null, List.of(new DicomTalk.Store(Dicom.DICOS_CT, 1,
                                plan.scaled(50_000_000L + talk.random().nextInt(60_000_000), 1_500)))));
            }
        }
        if (gap) {
            truth(plan, eds, new Truth.Remote(null, null, "none", 0), List.of("telemetry-mismatch"), Severity.MEDIUM,
                    List.of("T1011"), gapStart, gapEnd, null, List.of());
        } else {
            normal(plan, eds, new Truth.Remote(plc.ip(), null, "tcp", 2000));
            normal(plan, eds, new Truth.Remote(cip.ip(), null, "tcp", 11112));
        }
    }
}
