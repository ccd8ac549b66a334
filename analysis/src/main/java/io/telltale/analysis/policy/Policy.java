package io.telltale.analysis.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Device groups and declared communications (DESIGN §5). A group is matched by address blocks; a
 * declaration names who starts the conversation ({@code from}: a group or blocks), whom it reaches
 * ({@code to}), the transport and ports, and for DNS the names that may be asked.
 */
public record Policy(String site, Map<String, Group> groups, List<Declaration> declarations) {

    /** A group of devices, by address blocks (MAC prefixes are kept for the asset inventory to use). */
    public record Group(List<Cidr> cidr, List<String> oui) {
        public Group {
            cidr = cidr == null ? List.of() : List.copyOf(cidr);
            oui = oui == null ? List.of() : List.copyOf(oui);
        }
    }

    /** One declared communication. {@code from} and {@code to} are group names or address blocks. */
    public record Declaration(String id, List<String> from, List<String> to, String protocol, String transport,
                              List<Integer> ports, @JsonProperty("dns_names") List<String> dnsNames,
                              @JsonProperty("dicom_called_ae") List<String> dicomCalledAe, Object window, String report) {
        public Declaration {
            from = from == null ? List.of() : List.copyOf(from);
            to = to == null ? List.of() : List.copyOf(to);
            ports = ports == null ? List.of() : List.copyOf(ports);
            dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
            dicomCalledAe = dicomCalledAe == null ? List.of() : List.copyOf(dicomCalledAe);
        }
    }

    public Policy {
        groups = groups == null ? Map.of() : new LinkedHashMap<>(groups);
        declarations = declarations == null ? List.of() : List.copyOf(declarations);
    }

    /** A policy that declares nothing and knows no device: every device is watched, nothing is declared. */
    public static Policy empty() {
        return new Policy("none", Map.of(), List.of());
    }

    /** The groups an address belongs to. */
    public List<String> groupsOf(String address) {
        byte[] a = bytes(address);
        List<String> in = new ArrayList<>();
        if (a == null) {
            return in;
        }
        groups.forEach((name, g) -> {
            if (g.cidr().stream().anyMatch(c -> c.contains(a))) {
                in.add(name);
            }
        });
        return in;
    }

    /** Whether a conversation is declared: addresses, transport and port, and the DNS name where one is asked. */
    public boolean declared(String from, String to, String transport, int port, String dnsName) {
        byte[] f = bytes(from);
        byte[] t = bytes(to);
        if (f == null || t == null) {
            return false;
        }
        for (Declaration d : declarations) {
            if (d.transport() != null && !d.transport().equals(transport)) {
                continue;
            }
            if (!d.ports().isEmpty() && !d.ports().contains(port)) {
                continue;
            }
            if (!matches(d.from(), f) || !matches(d.to(), t)) {
                continue;
            }
            if (dnsName != null && !d.dnsNames().isEmpty() && d.dnsNames().stream().noneMatch(p -> nameMatches(p, dnsName))) {
                continue;
            }
            return true;
        }
        return false;
    }

    private boolean matches(List<String> where, byte[] address) {
        for (String w : where) {
            Group g = groups.get(w);
            if (g != null ? g.cidr().stream().anyMatch(c -> c.contains(address)) : Cidr.parse(w).contains(address)) {
                return true;
            }
        }
        return false;
    }

    static boolean nameMatches(String pattern, String name) {
        return pattern.startsWith("*.") ? name.endsWith(pattern.substring(1)) : name.equalsIgnoreCase(pattern);
    }

    static byte[] bytes(String address) {
        if (address == null || !address.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
