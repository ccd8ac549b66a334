package io.telltale.analysis.dissect.tls;

import io.telltale.analysis.event.X509Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate covers a host name (RFC 6125 §6.4): the DNS names of its subject alternative
 * names, or its subject common name when it has none; a wildcard stands for exactly one leftmost label.
 */
final class CertificateNames {

    private CertificateNames() {
    }

    static boolean matches(X509Record certificate, String hostName) {
        String host = hostName.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>(certificate.sanDns());
        if (names.isEmpty()) {
            for (String part : certificate.subject().split(",")) {
                if (part.startsWith("CN=")) {
                    names.add(part.substring(3));
                }
            }
        }
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals(host)) {
                return true;
            }
            if (n.startsWith("*.")) {
                int dot = host.indexOf('.');
                if (dot > 0 && host.substring(dot).equals(n.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }
}
