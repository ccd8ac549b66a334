package io.telltale.analysis.dissect;

import io.telltale.analysis.field.FieldSpec;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What Telltale knows about one protocol.
 *
 * @param name the protocol's short name, also the prefix of its fields ({@code dns})
 * @param service the name Zeek gives it in conn.log's {@code service}
 * @param tcp true when it runs over TCP (probed on the first payload of a stream)
 * @param udp true when it runs over UDP (probed on the first datagram)
 * @param resumesMidStream true when a probe match is trustworthy on a TCP connection picked up
 *     mid-stream, because the protocol's messages start with a line no other bytes resemble (an HTTP
 *     request line, an SSH banner); false where a match there could be chance (DNS's two-byte length)
 * @param usualPorts ports it usually uses: a hint for which probe to try first, never a verdict
 * @param probe recognises the protocol from the first payload bytes
 * @param fields the fields its records carry
 * @param dissector the shared dissector
 */
public record ProtocolSpec(
        String name,
        String service,
        boolean tcp,
        boolean udp,
        boolean resumesMidStream,
        Set<Integer> usualPorts,
        PayloadProbe probe,
        List<FieldSpec> fields,
        Supplier<Dissector> dissector) {

    public ProtocolSpec {
        usualPorts = Set.copyOf(usualPorts);
        fields = List.copyOf(fields);
    }
}
