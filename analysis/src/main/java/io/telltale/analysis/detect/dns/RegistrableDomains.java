package io.telltale.analysis.detect.dns;

import com.google.common.net.InternetDomainName;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The registrable domain of a name by the Public Suffix List (Guava's copy, current with its
 * release): {@code a.b.tunnel.example.co.uk} → {@code example.co.uk}. Names off the list's tree
 * (a site's own {@code .lan}) take their last two labels. Hostile names — too long, odd characters —
 * are screened by a pattern first, so no exception is raised per query.
 */
public final class RegistrableDomains {

    private static final Pattern PLAIN = Pattern.compile("[a-z0-9_-]{1,63}(\\.[a-z0-9_-]{1,63}){0,126}");

    private RegistrableDomains() {
    }

    /** The registrable domain, or null for a name with one label. */
    public static String of(String name) {
        if (name == null || name.length() > 253) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.indexOf('.') > 0 && PLAIN.matcher(n).matches() && guavaAccepts(n)) {
            try {
                InternetDomainName domain = InternetDomainName.from(n);
                if (domain.isUnderPublicSuffix()) {
                    return domain.topPrivateDomain().toString();
                }
                if (domain.isPublicSuffix()) {
                    return n;
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                // screened above; should Guava still refuse a name, the plain rule below answers
            }
        }
        return lastTwoLabels(n);
    }

    /**
     * Guava's own rules, checked without its exception: no label starts or ends with a hyphen or an
     * underscore, and the last label (a top-level domain) does not start with a digit. Tunnels
     * break them on purpose (dnscat2's hex labels under a numeric "TLD").
     */
    static boolean guavaAccepts(String n) {
        int start = 0;
        while (true) {
            int dot = n.indexOf('.', start);
            int end = dot < 0 ? n.length() : dot;
            if (end == start) {
                return false;
            }
            char first = n.charAt(start);
            char last = n.charAt(end - 1);
            if (first == '-' || first == '_' || last == '-' || last == '_') {
                return false;
            }
            if (dot < 0) {
                return first < '0' || first > '9';
            }
            start = dot + 1;
        }
    }

    static String lastTwoLabels(String name) {
        int last = name.lastIndexOf('.');
        if (last <= 0) {
            return null;
        }
        int second = name.lastIndexOf('.', last - 1);
        return second < 0 ? name : name.substring(second + 1);
    }
}
