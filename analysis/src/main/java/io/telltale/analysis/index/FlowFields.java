package io.telltale.analysis.index;

import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.util.List;

/**
 * The fields of the flow record itself, beside the protocols' fields of the catalog: what every flow
 * document holds. Names follow what analysts type (Arkime's {@code ip.dst}, {@code bytes.out}); the
 * originator is the source. Times and durations are nanoseconds in the index; the query language reads
 * them as ISO times and as seconds (or with a unit).
 */
public final class FlowFields {

    private FlowFields() {
    }

    public static final FieldSpec UID = new FieldSpec("flow.uid", FieldType.TEXT, "the flow's uid, as conn.log prints it");
    public static final FieldSpec START = new FieldSpec("flow.start", FieldType.INTERVAL, "time of the first packet (ns since 1970)");
    public static final FieldSpec END = new FieldSpec("flow.end", FieldType.INTERVAL, "time of the last packet (ns since 1970)");
    public static final FieldSpec DURATION = new FieldSpec("flow.duration", FieldType.INTERVAL, "first to last packet");
    public static final FieldSpec SOURCE = new FieldSpec("ip.src", FieldType.ADDRESS, "the originator's address");
    public static final FieldSpec DESTINATION = new FieldSpec("ip.dst", FieldType.ADDRESS, "the responder's address");
    public static final FieldSpec SOURCE_PORT = new FieldSpec("port.src", FieldType.COUNT, "the originator's port (ICMP: type)");
    public static final FieldSpec DESTINATION_PORT = new FieldSpec("port.dst", FieldType.COUNT, "the responder's port (ICMP: code)");
    public static final FieldSpec TRANSPORT = new FieldSpec("flow.transport", FieldType.NAME, "tcp, udp, icmp or unknown_transport");
    public static final FieldSpec SERVICE = new FieldSpec("flow.service", FieldType.TEXT_LIST, "protocols recognised in the flow");
    public static final FieldSpec STATE = new FieldSpec("flow.state", FieldType.TEXT, "Zeek's conn_state");
    public static final FieldSpec HISTORY = new FieldSpec("flow.history", FieldType.TEXT, "Zeek's history letters");
    public static final FieldSpec COMMUNITY_ID = new FieldSpec("flow.community_id", FieldType.TEXT, "Community ID v1");
    public static final FieldSpec VLAN = new FieldSpec("flow.vlan", FieldType.COUNT, "the outer VLAN id");
    public static final FieldSpec INTERIM = new FieldSpec("flow.interim", FieldType.BOOLEAN,
            "an interim record of a long flow (the flow went on)");
    public static final FieldSpec TUNNEL_PARENT = new FieldSpec("flow.tunnel_parent", FieldType.TEXT,
            "uid of the tunnel that carried the flow");
    public static final FieldSpec BYTES_OUT = new FieldSpec("bytes.out", FieldType.COUNT, "payload bytes the originator sent");
    public static final FieldSpec BYTES_IN = new FieldSpec("bytes.in", FieldType.COUNT, "payload bytes the responder sent");
    public static final FieldSpec PACKETS_OUT = new FieldSpec("packets.out", FieldType.COUNT, "packets the originator sent");
    public static final FieldSpec PACKETS_IN = new FieldSpec("packets.in", FieldType.COUNT, "packets the responder sent");
    public static final FieldSpec MISSED_BYTES = new FieldSpec("flow.missed_bytes", FieldType.COUNT, "bytes lost to capture gaps");
    public static final FieldSpec SOURCE_COUNTRY = new FieldSpec("country.src", FieldType.NAME, "ISO country of a public source");
    public static final FieldSpec DESTINATION_COUNTRY = new FieldSpec("country.dst", FieldType.NAME,
            "ISO country of a public destination");
    public static final FieldSpec SOURCE_ASN = new FieldSpec("asn.src", FieldType.COUNT, "autonomous system of a public source");
    public static final FieldSpec DESTINATION_ASN = new FieldSpec("asn.dst", FieldType.COUNT,
            "autonomous system of a public destination");
    public static final FieldSpec SOURCE_DEVICE = new FieldSpec("device.src", FieldType.NAME, "policy groups of the source");
    public static final FieldSpec DESTINATION_DEVICE = new FieldSpec("device.dst", FieldType.NAME,
            "policy groups of the destination");

    public static final List<FieldSpec> ALL = List.of(UID, START, END, DURATION, SOURCE, DESTINATION, SOURCE_PORT,
            DESTINATION_PORT, TRANSPORT, SERVICE, STATE, HISTORY, COMMUNITY_ID, VLAN, INTERIM, TUNNEL_PARENT, BYTES_OUT,
            BYTES_IN, PACKETS_OUT, PACKETS_IN, MISSED_BYTES, SOURCE_COUNTRY, DESTINATION_COUNTRY, SOURCE_ASN,
            DESTINATION_ASN, SOURCE_DEVICE, DESTINATION_DEVICE);
}
