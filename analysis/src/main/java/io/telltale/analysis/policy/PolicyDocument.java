package io.telltale.analysis.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy file as written: the site's name, its device groups, its declared communications, and
 * the declarations accepted from learning or from alerts ({@code learned:}, written by
 * {@code telltale baseline}; the last key of the file so that they can be appended). Read
 * by {@link PolicyLoader}; the detectors see it through {@link Policy}, which can swap it for a new
 * one while they run.
 */
public record PolicyDocument(String site, Map<String, Group> groups, List<Declaration> declarations,
                             @JsonProperty("countries") Countries countries, List<Declaration> learned) {

    /**
     * A group of devices. A device belongs to it when any rule matches: its address is in a block, its
     * MAC starts with a prefix, its maker (from the OUI registry) contains a vendor text, or its DHCP
     * host name matches a name pattern ({@code *} as wildcard). {@code egress_per_day} caps what one of
     * its devices may send to the Internet in a UTC day ({@code 50MB}, {@code 2GB}, or bytes). {@code mud}
     * names a Manufacturer Usage Description (RFC 8520, a path relative to the policy file) whose
     * ACLs become declarations for the group; {@code mode: learning} keeps its policy alerts quiet.
     */
    public record Group(List<Cidr> cidr, List<String> oui, List<String> vendor, List<String> name,
                        @JsonProperty("egress_per_day") String egressPerDayText, String mode, String mud) {
        public Group {
            if (mode != null && !mode.equals("learning") && !mode.equals("operational")) {
                throw new IllegalArgumentException("mode must be \"learning\" or \"operational\", not \"" + mode + "\"");
            }
            egressPerDayBytes(egressPerDayText); // refused at load when it is not a size
            cidr = cidr == null ? List.of() : List.copyOf(cidr);
            oui = oui == null ? List.of() : oui.stream().map(o -> o.toLowerCase(java.util.Locale.ROOT).replace('-', ':')).toList();
            vendor = vendor == null ? List.of() : List.copyOf(vendor);
            name = name == null ? List.of() : List.copyOf(name);
        }

        /** Whether its devices are still being learned: no policy alerts for them yet. */
        public boolean learning() {
            return "learning".equals(mode);
        }

        /** The daily egress budget in bytes, 0 when none. */
        public long egressPerDay() {
            return egressPerDayBytes(egressPerDayText);
        }

        static long egressPerDayBytes(String text) {
            if (text == null) {
                return 0;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)b?\\s*").matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("egress_per_day must be a size such as 50MB or 2GB, not \"" + text + "\"");
            }
            double unit = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
                case "k" -> 1e3;
                case "m" -> 1e6;
                case "g" -> 1e9;
                case "t" -> 1e12;
                default -> 1;
            };
            return (long) (Double.parseDouble(m.group(1)) * unit);
        }
    }

    /**
     * One declared communication. {@code from} and {@code to} are group names or address blocks;
     * {@code report: info} declares it and still reports each use (a vendor's maintenance session).
     */
    public record Declaration(String id, List<String> from, List<String> to, String protocol, String transport,
                              List<Integer> ports, @JsonProperty("dns_names") List<String> dnsNames,
                              @JsonProperty("tls_sni") List<String> tlsSni,
                              @JsonProperty("http_host") List<String> httpHost,
                              @JsonProperty("dicom_called_ae") List<String> dicomCalledAe, TimeWindow window, String report) {
        public Declaration {
            from = from == null ? List.of() : List.copyOf(from);
            to = to == null ? List.of() : List.copyOf(to);
            ports = ports == null ? List.of() : List.copyOf(ports);
            dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
            tlsSni = tlsSni == null ? List.of() : List.copyOf(tlsSni);
            httpHost = httpHost == null ? List.of() : List.copyOf(httpHost);
            dicomCalledAe = dicomCalledAe == null ? List.of() : List.copyOf(dicomCalledAe);
            if (report != null && !report.equals("info")) {
                throw new IllegalArgumentException("report must be \"info\" (declared, but each use reported), not \"" + report + "\"");
            }
        }

        /** Whether each use is still reported, as information. */
        public boolean reported() {
            return "info".equals(report);
        }
    }

    /**
     * Countries the site's devices may or may not reach, as ISO 3166 codes: {@code never: [CN, RU]},
     * or {@code only: [NL]} (everything else is forbidden). One of the two.
     */
    public record Countries(List<String> never, List<String> only) {
        public Countries {
            never = never == null ? List.of() : never.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList();
            only = only == null ? List.of() : only.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList();
            if (!never.isEmpty() && !only.isEmpty()) {
                throw new IllegalArgumentException("countries takes \"never\" or \"only\", not both");
            }
        }

        /** Whether a country (ISO code) is forbidden. */
        public boolean forbidden(String country) {
            if (country == null) {
                return false;
            }
            return never.contains(country) || (!only.isEmpty() && !only.contains(country));
        }
    }

    public PolicyDocument {
        groups = groups == null ? Map.of() : new LinkedHashMap<>(groups);
        declarations = declarations == null ? List.of() : List.copyOf(declarations);
        learned = learned == null ? List.of() : List.copyOf(learned);
    }

    /** The same document with more declarations (those a MUD file makes). */
    PolicyDocument withDeclarations(List<Declaration> more) {
        List<Declaration> all = new java.util.ArrayList<>(declarations);
        all.addAll(more);
        return new PolicyDocument(site, groups, all, countries, learned);
    }

    /** The declarations a person wrote, then those learned and accepted ({@code learned:}, kept apart for review). */
    public List<Declaration> allDeclarations() {
        List<Declaration> all = new java.util.ArrayList<>(declarations);
        all.addAll(learned);
        return all;
    }
}
