package io.telltale.analysis.dissect.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.event.Dhcp6Record;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** DHCPv6 against the Information-requests in nDPI's 1kxun capture, as tshark reads them; and noise. */
class Dhcp6Test {

    @Test
    void informationRequestsOfARealClient() {
        List<Dhcp6Record> records = AnalysedCapture.events(ReferenceCorpus.load().capture("ndpi__1kxun.pcap").path(),
                Dhcp6Record.class);
        assertThat(records).isNotEmpty();
        Dhcp6Record r = records.getFirst();
        assertThat(r.messageTypeName()).isEqualTo("INFORMATION-REQUEST");
        assertThat(r.transactionId()).isEqualTo(0x27731d);
        assertThat(r.clientDuid()).isEqualTo("000100011db8e6fb703eacf0f007");
        assertThat(r.clientMac()).isEqualTo("70:3e:ac:f0:f0:07");
        assertThat(r.optionRequest()).isNotEmpty();
    }

    @Test
    void randomDatagramsAreRarelyTakenAndNeverThrow() {
        Random random = new Random(12);
        int taken = 0;
        var session = Dhcp6Protocol.SPEC.dissector().get().open(new io.telltale.analysis.dissect.FlowContext(1, false,
                "fe80::1", 546, "ff02::1:2", 547, false));
        for (int i = 0; i < 50_000; i++) {
            byte[] junk = new byte[8 + random.nextInt(200)];
            random.nextBytes(junk);
            if (Dhcp6Protocol.looksLikeDhcp6(MemorySegment.ofArray(junk), 0, junk.length, false, true)) {
                taken++;
                session.onPayload(1, true, MemorySegment.ofArray(junk), 0, junk.length, false, e -> { });
            }
        }
        assertThat(taken).isLessThan(50); // under 0.1 %
    }
}
