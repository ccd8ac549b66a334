package io.telltale.analysis.dissect.tls;

import io.telltale.analysis.event.X509Record;

/**
 * Remote-access tools that wrap their own protocol in TLS and give themselves away by the certificate
 * they present. AnyDesk's clients and relays present a self-made certificate whose subject and
 * issuer common name is "AnyDesk Client" (nDPI recognises AnyDesk the same way).
 */
final class TlsApplications {

    private TlsApplications() {
    }

    /** The application a leaf certificate names, or null. */
    static String fromCertificate(X509Record leaf) {
        if (hasCommonName(leaf.subject(), "AnyDesk Client") || hasCommonName(leaf.issuer(), "AnyDesk Client")) {
            return "anydesk";
        }
        return null;
    }

    /** Whether an RFC 2253 name has exactly this common name (a comma inside a value is escaped). */
    static boolean hasCommonName(String rfc2253, String commonName) {
        for (String part : rfc2253.split("(?<!\\\\),")) {
            if (part.equals("CN=" + commonName)) {
                return true;
            }
        }
        return false;
    }
}
