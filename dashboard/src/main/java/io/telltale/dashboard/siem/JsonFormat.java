package io.telltale.dashboard.siem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.SignatureHit;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * An alert as one JSON object, in the schema a SIEM already knows: Suricata's EVE alert (which
 * Elastic, Splunk, Graylog, Wazuh and Arkime all parse), Elastic Common Schema, or an OCSF 1.4
 * Detection Finding (class 2004), with the example shapes of siem.md §2.6. JSON escapes every
 * control character, so the object is always one line. EVE's {@code signature_id} is the rule's for
 * a signature alert and, for our own detectors, 9,000,001 plus the category's position in DESIGN
 * §6's list (a fixed, documented range of our own).
 */
public enum JsonFormat {
    EVE, ECS, OCSF;

    static final int OWN_SIGNATURE_BASE = 9_000_001;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter EVE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxx", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ECS_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The alert as this schema's JSON object, for sinks other than syslog (JSON-lines files, Kafka). */
    public static String encode(io.telltale.analysis.event.Alert alert, String schema, SensorIdentity sensor) {
        return valueOf(schema.toUpperCase(Locale.ROOT)).payload(new AlertView(alert, Integer.MAX_VALUE), sensor);
    }

    String payload(AlertView v, SensorIdentity sensor) {
        ObjectNode o = switch (this) {
            case EVE -> eve(v, sensor);
            case ECS -> ecs(v, sensor);
            case OCSF -> ocsf(v, sensor);
        };
        return o.toString();
    }

    private static ObjectNode eve(AlertView v, SensorIdentity sensor) {
        Alert a = v.alert;
        ObjectNode o = JSON.createObjectNode();
        o.put("timestamp", EVE_TIME.format(SyslogText.instant(a.timestampNanos())));
        if (a.connection() != null) {
            o.put("flow_id", a.connection().flowId());
        }
        o.put("event_type", "alert");
        if (v.source != null) {
            o.put("src_ip", v.source); // the sensor's own alerts (a capture gap) have no device
        }
        if (v.hasPorts()) {
            o.put("src_port", v.sourcePort);
        }
        if (v.destination != null) {
            o.put("dest_ip", v.destination);
        }
        if (v.hasPorts()) {
            o.put("dest_port", v.destinationPort);
        }
        if (v.transport != null) {
            o.put("proto", v.transportUpper());
        }
        if (v.service != null) {
            o.put("app_proto", v.service);
        }
        if (v.communityId != null) {
            o.put("community_id", v.communityId);
        }
        o.put("host", sensor.hostname());
        ObjectNode alert = o.putObject("alert");
        alert.put("action", "allowed");
        SignatureHit s = a.signature();
        alert.put("gid", s == null ? 1 : s.gid());
        alert.put("signature_id", s == null ? ownSignatureId(a.category()) : s.sid());
        alert.put("rev", s == null ? 1 : s.rev());
        alert.put("signature", v.text(a.title()));
        alert.put("category", s != null && s.classtype() != null ? s.classtype() : a.category());
        alert.put("severity", SeverityScale.eve(a.severity()));
        ObjectNode meta = alert.putObject("metadata");
        meta.putArray("telltale_id").add(a.id());
        meta.putArray("telltale_severity").add(a.severity());
        meta.putArray("telltale_category").add(a.category());
        meta.putArray("detector").add(a.detector());
        ArrayNode attack = meta.putArray("mitre_technique_id");
        a.attack().forEach(attack::add);
        if (a.deviceName() != null) {
            meta.putArray("device_groups").add(a.deviceName());
        }
        ObjectNode telltale = o.putObject("telltale");
        telltale.put("id", a.id());
        telltale.put("why", v.text(a.why()));
        ArrayNode uids = telltale.putArray("flow_uids");
        v.flowUids.forEach(uids::add);
        remote(telltale, v);
        if (a.score() >= 0) {
            telltale.put("score", a.score());
        }
        return o;
    }

    private static ObjectNode ecs(AlertView v, SensorIdentity sensor) {
        Alert a = v.alert;
        ObjectNode o = JSON.createObjectNode();
        o.put("@timestamp", ECS_TIME.format(SyslogText.instant(a.timestampNanos())));
        o.putObject("ecs").put("version", "8.17.0");
        o.put("message", v.text(a.title()));
        ObjectNode event = o.putObject("event");
        event.put("kind", "alert");
        event.putArray("category").add("network").add("intrusion_detection");
        event.putArray("type").add("connection").add("allowed");
        event.put("action", a.category());
        event.put("id", a.id());
        event.put("severity", SeverityScale.ecs(a.severity()));
        event.put("reason", v.text(a.why()));
        event.put("module", "telltale");
        event.put("dataset", "telltale.alert");
        ObjectNode rule = o.putObject("rule");
        SignatureHit s = a.signature();
        rule.put("id", CefFormat.eventClass(a));
        rule.put("name", v.text(s != null && s.msg() != null ? s.msg() : a.title()));
        rule.put("category", a.category());
        rule.put("ruleset", a.detector());
        if (v.source != null) {
            ObjectNode source = o.putObject("source").put("ip", v.source);
            if (v.hasPorts()) {
                source.put("port", v.sourcePort);
            }
        }
        if (v.destination != null) {
            ObjectNode destination = o.putObject("destination").put("ip", v.destination);
            if (v.hasPorts()) {
                destination.put("port", v.destinationPort);
            }
            if (a.remoteName() != null && v.outbound) {
                destination.put("domain", v.text(a.remoteName()));
            }
        }
        ObjectNode network = o.putObject("network");
        if (v.transport != null) {
            network.put("transport", v.transport);
        }
        if (v.service != null) {
            network.put("protocol", v.service);
        }
        network.put("direction", v.outbound ? "outbound" : "inbound");
        if (v.communityId != null) {
            network.put("community_id", v.communityId);
        }
        if (!a.attack().isEmpty()) {
            ArrayNode ids = o.putObject("threat").put("framework", "MITRE ATT&CK").putObject("technique").putArray("id");
            a.attack().forEach(ids::add);
        }
        ObjectNode observer = o.putObject("observer");
        observer.put("type", "ids").put("vendor", sensor.vendor()).put("product", sensor.product())
                .put("version", sensor.version()).put("name", sensor.shortHostname()).put("hostname", sensor.hostname());
        if (sensor.address() != null) {
            observer.putArray("ip").add(sensor.address());
        }
        ArrayNode related = o.putObject("related").putArray("ip");
        if (v.source != null) {
            related.add(v.source);
        }
        if (v.destination != null) {
            related.add(v.destination);
        }
        ObjectNode labels = o.putObject("labels");
        labels.put("detector", a.detector());
        labels.put("severity", a.severity());
        if (a.deviceName() != null) {
            labels.put("device_groups", a.deviceName());
        }
        labels.put("flow_uids", String.join(",", v.flowUids));
        if (a.remoteCountry() != null) {
            o.putObject("destination_geo").put("country_iso_code", a.remoteCountry());
        }
        return o;
    }

    private static ObjectNode ocsf(AlertView v, SensorIdentity sensor) {
        Alert a = v.alert;
        long ms = v.epochMillis();
        ObjectNode o = JSON.createObjectNode();
        o.put("class_uid", 2004).put("class_name", "Detection Finding").put("category_uid", 2).put("category_name", "Findings")
                .put("activity_id", 1).put("activity_name", "Create").put("type_uid", 200401)
                .put("type_name", "Detection Finding: Create").put("time", ms)
                .put("severity_id", SeverityScale.ocsf(a.severity())).put("severity", SeverityScale.ocsfName(a.severity()))
                .put("status_id", 1).put("status", "New").put("is_alert", true).put("message", v.text(a.title()));
        ObjectNode metadata = o.putObject("metadata").put("version", "1.4.0").put("uid", a.id())
                .put("original_time", ECS_TIME.format(SyslogText.instant(a.timestampNanos())));
        metadata.putObject("product").put("name", sensor.product()).put("vendor_name", sensor.vendor()).put("version", sensor.version());
        ObjectNode finding = o.putObject("finding_info").put("uid", a.id()).put("title", v.text(a.title()))
                .put("desc", v.text(a.why()));
        finding.putArray("types").add(a.category());
        finding.putObject("analytic").put("uid", CefFormat.eventClass(a)).put("name", a.detector()).put("type_id", 1).put("type", "Rule");
        finding.put("first_seen_time", ms).put("last_seen_time", ms);
        if (!a.attack().isEmpty()) {
            ArrayNode attacks = finding.putArray("attacks");
            a.attack().forEach(t -> attacks.addObject().putObject("technique").put("uid", t));
        }
        ObjectNode device = o.putObject("device").put("type_id", 13).put("type", "IDS")
                .put("hostname", sensor.hostname()).put("name", sensor.shortHostname());
        if (sensor.address() != null) {
            device.put("ip", sensor.address());
        }
        ObjectNode evidence = o.putArray("evidences").addObject();
        if (v.source != null) {
            ObjectNode src = evidence.putObject("src_endpoint").put("ip", v.source);
            if (v.hasPorts()) {
                src.put("port", v.sourcePort);
            }
        }
        if (v.destination != null) {
            ObjectNode dst = evidence.putObject("dst_endpoint").put("ip", v.destination);
            if (v.hasPorts()) {
                dst.put("port", v.destinationPort);
            }
            if (a.remoteName() != null && v.outbound) {
                dst.put("hostname", v.text(a.remoteName()));
            }
            if (a.remoteCountry() != null) {
                dst.putObject("location").put("country", a.remoteCountry());
            }
        }
        ObjectNode connection = evidence.putObject("connection_info").put("direction_id", v.outbound ? 2 : 1)
                .put("direction", v.outbound ? "Outbound" : "Inbound");
        if (v.protocolNumber() >= 0) {
            connection.put("protocol_num", v.protocolNumber()).put("protocol_name", v.transport);
        }
        if (v.communityId != null) {
            connection.put("community_uid", v.communityId);
        }
        ArrayNode observables = o.putArray("observables");
        if (v.source != null) {
            observables.addObject().put("name", "evidences[0].src_endpoint.ip").put("type_id", 2).put("type", "IP Address")
                    .put("value", v.source);
        }
        if (v.destination != null) {
            observables.addObject().put("name", "evidences[0].dst_endpoint.ip").put("type_id", 2).put("type", "IP Address")
                    .put("value", v.destination);
        }
        return o;
    }

    private static void remote(ObjectNode telltale, AlertView v) {
        Alert a = v.alert;
        if (a.remoteAddress() == null) {
            return;
        }
        ObjectNode remote = telltale.putObject("remote").put("address", a.remoteAddress());
        if (a.remoteName() != null) {
            remote.put("name", v.text(a.remoteName()));
        }
        if (a.remoteCountry() != null) {
            remote.put("country", a.remoteCountry());
        }
        if (a.remoteAsn() >= 0) {
            remote.put("asn", a.remoteAsn());
        }
    }

    static long ownSignatureId(String category) {
        for (io.telltale.analysis.detect.Category c : io.telltale.analysis.detect.Category.values()) {
            if (c.text().equals(category)) {
                return OWN_SIGNATURE_BASE + c.ordinal();
            }
        }
        return OWN_SIGNATURE_BASE - 1;
    }
}
