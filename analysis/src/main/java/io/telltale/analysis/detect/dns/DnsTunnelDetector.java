package io.telltale.analysis.detect.dns;

import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.ProtocolRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Per device and registrable domain (by the Public Suffix List),
 * the unique subdomains asked (RITA's "exploded DNS"), how many are machine-made (a label of 30 characters
 * or more, as tunnels pack 50–63 where nDPI flags over 48; or a label of 16 or more that is all hex or
 * Base32 digits, as dnscat2's short polls are), and how many ask for the record types that carry data
 * back (NULL, TXT, CNAME, MX). Many long unique names that fetch data are a
 * tunnel (iodine, dnscat2, dns2tcp); many long unique names that fetch nothing (NXDOMAIN, A) are
 * exfiltration (the answer does not matter, the question is the message).
 */
public final class DnsTunnelDetector implements Detector {

    private final io.telltale.analysis.policy.Policy policy;

    public DnsTunnelDetector() {
        this(io.telltale.analysis.policy.Policy.empty());
    }

    /**
     * @param policy whose devices are tracked beyond {@link #MAX_TRACKED} (up to twice it): a flood of
     *     others' names cannot blind the detector to them
     */
    public DnsTunnelDetector(io.telltale.analysis.policy.Policy policy) {
        this.policy = policy;
    }

    static final int MIN_UNIQUE = 20;
    static final int LONG_LABEL = 30;
    static final int MAX_TRACKED = 10_000;
    /** Names kept over all domains: a flood of random names stops being remembered here, not the heap. */
    static final int MAX_NAMES = 1_000_000;
    private long storedNames;

    /** Names held now, over all domains (at most {@link #MAX_NAMES}). */
    long storedNames() {
        return storedNames;
    }

    /** What a device asked under one domain. */
    private static final class Domain {
        final Set<String> unique = new HashSet<>();
        long queries;
        long longLabels;
        long dataTypes;
        long nxdomain;
        long firstFlow;
        boolean raised;
    }

    private final Map<String, Domain> domains = new HashMap<>();

    @Override
    public String name() {
        return "dns-tunnel";
    }

    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        if (!(record instanceof DnsRecord r) || r.query() == null) {
            return;
        }
        String name = r.query().toLowerCase(Locale.ROOT);
        String domain = registrable(name);
        if (domain == null || domain.endsWith(".arpa") || domain.endsWith(".local")) {
            return;
        }
        String key = r.originatorHost() + "|" + domain;
        Domain d = domains.get(key);
        if (d == null) {
            if (domains.size() >= MAX_TRACKED
                    && (domains.size() >= 2 * MAX_TRACKED || policy.groupsOf(r.originatorHost()).isEmpty())) {
                return;
            }
            d = new Domain();
            d.firstFlow = r.flowId();
            domains.put(key, d);
        }
        d.queries++;
        if (d.unique.size() < 100_000 && storedNames < MAX_NAMES && d.unique.add(name)) {
            storedNames++;
        }
        if (machineMade(name.substring(0, name.length() - domain.length()))) {
            d.longLabels++;
        }
        int type = r.queryType();
        if (type == 10 || type == 16 || type == 5 || type == 15) {
            d.dataTypes++;
        }
        if (r.rcode() == 3) {
            d.nxdomain++;
        }
        // half the names machine-made; or, where nearly every name is new (a tunnel defeats caches), a quarter of
        // them, or nearly every question asking for a record that carries data (dns2tcp's short TXT polls)
        boolean allNew = d.unique.size() * 10L >= d.queries * 9;
        boolean machineMade = d.longLabels * 2 >= d.queries || (allNew && d.longLabels * 4 >= d.queries)
                || (allNew && d.dataTypes * 10 >= d.queries * 9);
        if (!d.raised && d.unique.size() >= MIN_UNIQUE && machineMade) {
            d.raised = true;
            boolean tunnel = d.dataTypes * 3 >= d.queries;
            String why = String.format(Locale.ROOT, "%s asked %d names under %s, %d of them different, %d with a machine-made label "
                    + "(%d characters or more, or long hex/Base32); %d asked for NULL/TXT/CNAME/MX and %d were NXDOMAIN. Names made by a machine, "
                    + "one per message: %s.", r.originatorHost(), d.queries, domain, d.unique.size(), d.longLabels, LONG_LABEL,
                    d.dataTypes, d.nxdomain, tunnel ? "a tunnel that carries data both ways" : "data leaving in the questions");
            out.accept(new Finding(r.timestampNanos(), tunnel ? Category.DNS_TUNNEL : Category.DNS_EXFILTRATION,
                    tunnel ? Severity.CRITICAL : Severity.HIGH, (tunnel ? "DNS tunnel to " : "DNS exfiltration to ") + domain, why,
                    r.originatorHost(), r.responderHost(), domain,
                    tunnel ? List.of("T1071.004", "T1572", "T1132.001") : List.of("T1048.003", "T1071.004"),
                    List.of(d.firstFlow, r.flowId()), d.unique.size()));
        }
    }

    // character loops, not String.matches: that compiles its pattern on every call, for every name asked

    static boolean allHex(String label) {
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** All Base32 ({@code a-z}, {@code 2-7}) with at least one digit: words are not. */
    static boolean base32WithDigit(String label) {
        boolean digit = false;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c >= '2' && c <= '7') {
                digit = true;
            } else if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return digit;
    }

    /** Whether the part of a name before its domain has a label a person would not have chosen. */
    static boolean machineMade(String subdomain) {
        for (String label : subdomain.split("\\.")) {
            if (label.length() >= LONG_LABEL) {
                return true;
            }
            if (label.length() >= 16 && (allHex(label) || base32WithDigit(label))) {
                return true;
            }
        }
        return false;
    }

    /** The registrable domain ({@code a.b.t1.tunnel.example} → {@code tunnel.example}), or null. */
    static String registrable(String name) {
        return RegistrableDomains.of(name);
    }
}
