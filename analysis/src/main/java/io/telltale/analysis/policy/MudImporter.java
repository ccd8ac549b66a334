package io.telltale.analysis.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.policy.PolicyDocument.Declaration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Manufacturer Usage Description (RFC 8520) read as declarations for one device group. Each
 * accepting ACE of the device's from- and to-device policies becomes a declaration: the peer from
 * {@code ietf-acldns} names or network matches (or the site's private ranges for
 * {@code local-networks}), the transport from the protocol number, the ports from the port matches,
 * and who starts the conversation from {@code direction-initiated}. What a passive monitor cannot
 * honour — {@code controller}, {@code my-controller}, {@code manufacturer}, {@code same-manufacturer},
 * {@code model}, Ethernet matches, port ranges wider than 1,024 — is skipped with a note naming the
 * ACE; the rest loads. Drafts' {@code ietf-access-control-list:access-lists} is read like the RFC's
 * {@code acls}.
 */
public final class MudImporter {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> LOCAL_V4 = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
    static final List<String> LOCAL_V6 = List.of("fc00::/7");
    static final int MAX_RANGE = 1024;

    private MudImporter() {
    }

    /** The declarations a MUD file makes for {@code group}; what cannot be honoured goes to {@code notes}. */
    public static List<Declaration> read(Path file, String group, Consumer<String> notes) throws PolicyLoader.PolicyException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw new PolicyLoader.PolicyException(file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PolicyLoader.PolicyException(file + ": cannot read the MUD file: " + e.getMessage());
        }
        JsonNode mud = root == null ? null : root.get("ietf-mud:mud");
        if (mud == null || !mud.isObject()) {
            throw new PolicyLoader.PolicyException(file + ": not a MUD file (no \"ietf-mud:mud\" object)");
        }
        JsonNode acls = root.has("ietf-access-control-list:acls") ? root.get("ietf-access-control-list:acls")
                : root.path("ietf-access-control-list:access-lists");
        List<Declaration> out = new ArrayList<>();
        for (String direction : List.of("from-device-policy", "to-device-policy")) {
            for (JsonNode ref : mud.path(direction).path("access-lists").path("access-list")) {
                String name = ref.path("name").asText();
                JsonNode acl = find(acls.path("acl"), name);
                if (acl == null) {
                    throw new PolicyLoader.PolicyException(file + ": " + direction + " names ACL \"" + name + "\", which the file "
                            + "does not define");
                }
                boolean v6 = acl.path("type").asText().contains("ipv6");
                for (JsonNode ace : acl.path("aces").path("ace")) {
                    String where = file.getFileName() + " " + name + "/" + ace.path("name").asText();
                    try {
                        Declaration d = declaration(ace, group, direction.startsWith("from"), v6, where);
                        if (d != null) {
                            out.add(d);
                        }
                    } catch (Unsupported u) {
                        notes.accept(where + ": " + u.getMessage() + "; this ACE is not declared");
                    }
                }
            }
        }
        return out;
    }

    /** An ACE part a passive monitor cannot turn into a declaration. */
    private static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private static JsonNode find(JsonNode acls, String name) {
        for (JsonNode acl : acls) {
            if (name.equals(acl.path("name").asText())) {
                return acl;
            }
        }
        return null;
    }

    private static Declaration declaration(JsonNode ace, String group, boolean fromDevice, boolean v6, String where)
            throws Unsupported {
        if (!"accept".equals(ace.path("actions").path("forwarding").asText())) {
            return null; // drop and reject add nothing to what is allowed
        }
        JsonNode matches = ace.path("matches");
        if (matches.has("eth")) {
            throw new Unsupported("Ethernet matches are not honoured");
        }
        JsonNode ip = matches.has("ipv6") ? matches.get("ipv6") : matches.path("ipv4");
        String ipKey = matches.has("ipv6") ? "ipv6" : "ipv4";
        List<String> peers = new ArrayList<>();
        String dnsKey = fromDevice ? "ietf-acldns:dst-dnsname" : "ietf-acldns:src-dnsname";
        String netKey = (fromDevice ? "destination-" : "source-") + ipKey + "-network";
        if (ip.has(dnsKey)) {
            peers.add(ip.get(dnsKey).asText());
        }
        if (ip.has(netKey)) {
            peers.add(ip.get(netKey).asText());
        }
        JsonNode mudMatch = matches.path("ietf-mud:mud");
        for (Map.Entry<String, JsonNode> m : mudMatch.properties()) {
            if (m.getKey().equals("local-networks")) {
                peers.addAll(v6 || ipKey.equals("ipv6") ? LOCAL_V6 : LOCAL_V4);
            } else {
                throw new Unsupported("the \"" + m.getKey() + "\" abstraction needs the MUD manager's knowledge of the site");
            }
        }
        if (peers.isEmpty()) {
            peers.addAll(ipKey.equals("ipv6") || v6 ? List.of("::/0") : List.of("0.0.0.0/0"));
        }
        int protocol = ip.path("protocol").asInt(-1);
        String transport = switch (protocol) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1, 58 -> "icmp";
            case -1 -> null;
            default -> throw new Unsupported("IP protocol " + protocol + " is not followed as flows of its own");
        };
        JsonNode ports = matches.has("tcp") ? matches.get("tcp") : matches.path("udp");
        String initiated = ports.path("ietf-mud:direction-initiated").asText(null);
        // who starts: by default the sender of the ACL's packets; direction-initiated says otherwise for TCP
        boolean deviceStarts = initiated == null ? fromDevice : initiated.equals("from-device");
        // the responder's port: the destination of packets the starter sends
        String portKey = deviceStarts == fromDevice ? "destination-port" : "source-port";
        List<Integer> portList = ports(ports.path(portKey));
        for (String peer : peers) {
            if (!Policy.isName(peer)) {
                try {
                    Cidr.parse(peer);
                } catch (IllegalArgumentException e) {
                    throw new Unsupported("\"" + peer + "\" is neither a DNS name nor an address block");
                }
            }
        }
        List<String> devices = List.of(group);
        return new Declaration("mud:" + where, deviceStarts ? devices : peers, deviceStarts ? peers : devices, null, transport,
                portList, null, null, null, null, null, null);
    }

    private static List<Integer> ports(JsonNode match) throws Unsupported {
        if (match.isMissingNode()) {
            return List.of();
        }
        if (match.has("port")) {
            String operator = match.path("operator").asText("eq");
            if (!operator.equals("eq")) {
                throw new Unsupported("port operator \"" + operator + "\" is not honoured");
            }
            return List.of(match.get("port").asInt());
        }
        int low = match.path("lower-port").asInt(-1);
        int high = match.path("upper-port").asInt(-1);
        if (low < 0 || high < low || high > 65535) {
            throw new Unsupported("a port match needs \"port\" or \"lower-port\" and \"upper-port\"");
        }
        if (high - low + 1 > MAX_RANGE) {
            throw new Unsupported("port range " + low + "-" + high + " is wider than " + MAX_RANGE);
        }
        List<Integer> range = new ArrayList<>();
        for (int p = low; p <= high; p++) {
            range.add(p);
        }
        return range;
    }
}
