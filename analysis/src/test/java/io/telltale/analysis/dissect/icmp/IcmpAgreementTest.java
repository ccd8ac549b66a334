package io.telltale.analysis.dissect.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.event.IcmpRecord;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ICMP against two real captures: a ping inside Zeek's GRE sample, whose replies echo their requests,
 * and the ICMP tunnel nDPI's test suite classifies as one, whose replies carry other data.
 */
class IcmpAgreementTest {

    static List<IcmpRecord> records(String capture) {
        return AnalysedCapture.events(ReferenceCorpus.load().capture(capture).path(), IcmpRecord.class);
    }

    @Test
    void aPingsRepliesEchoItsRequests() {
        IcmpRecord ping = records("zeek__tunnels_gre-sample.pcap").stream().filter(r -> r.type() == 8).findFirst()
                .orElseThrow();
        assertThat(ping.requests()).isEqualTo(4);
        assertThat(ping.replies()).isEqualTo(4);
        assertThat(ping.matchedReplies()).isEqualTo(4);
        assertThat(ping.mismatchedReplies()).isZero();
        assertThat(ping.firstSequence()).isEqualTo(256);
        assertThat(ping.lastSequence()).isEqualTo(1024);
    }

    @Test
    void aTunnelsRepliesCarryOtherData() {
        List<IcmpRecord> tunnel = records("ndpi__icmp-tunnel.pcap");
        assertThat(tunnel).isNotEmpty();
        long altered = tunnel.stream().mapToLong(IcmpRecord::mismatchedReplies).sum();
        long echoed = tunnel.stream().mapToLong(IcmpRecord::matchedReplies).sum();
        assertThat(altered).isGreaterThan(100);
        assertThat(echoed).isZero();
    }
}
