package io.telltale.analysis.dissect.tls;

import io.telltale.analysis.event.X509Record;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Tools that wrap their own protocol in TLS and give themselves away by its shape.
 * <ul>
 *   <li>AnyDesk's clients and relays present a self-made certificate whose subject and issuer common
 *       name is "AnyDesk Client" (nDPI recognises AnyDesk the same way).</li>
 *   <li>Tor's link handshake names a made-up server, {@code www.} + 8 to 20 base32 characters +
 *       {@code .com}, and offers no ALPN; where the certificate is visible (TLS 1.2), its subject is a
 *       made-up {@code www.*.net} and its issuer a made-up {@code www.*.com} (tor's
 *       {@code tor_tls_context_new}). Real websites offer ALPN from every browser and library that
 *       speaks HTTP/2, and their names rarely look like base32: a digit 2–7 or a long consonant run
 *       is required of the label, which a random base32 label of 8 or more shows almost always.</li>
 * </ul>
 */
final class TlsApplications {

    private static final Pattern TOR_SERVER_NAME = Pattern.compile("www\\.([a-z2-7]{8,20})\\.com");
    private static final Pattern TOR_CERT_NAME = Pattern.compile("CN=www\\.[a-z2-7]{8,20}\\.(com|net)");
    private static final Pattern RANDOM_LOOKING = Pattern.compile(".*([2-7]|[^aeiouy2-7]{4}).*");

    private TlsApplications() {
    }

    /** The application a handshake gives away, or null. */
    static String of(String serverName, List<String> alpn, X509Record leaf) {
        if (leaf != null && (hasCommonName(leaf.subject(), "AnyDesk Client")
                || hasCommonName(leaf.issuer(), "AnyDesk Client"))) {
            return "anydesk";
        }
        if (looksLikeTor(serverName, alpn) && (leaf == null || torCertificate(leaf))) {
            return "tor";
        }
        return null;
    }

    static boolean looksLikeTor(String serverName, List<String> alpn) {
        if (serverName == null || !alpn.isEmpty()) {
            return false;
        }
        var name = TOR_SERVER_NAME.matcher(serverName);
        return name.matches() && RANDOM_LOOKING.matcher(name.group(1)).matches();
    }

    private static boolean torCertificate(X509Record leaf) {
        return TOR_CERT_NAME.matcher(leaf.subject()).matches() && leaf.subject().endsWith(".net")
                && TOR_CERT_NAME.matcher(leaf.issuer()).matches() && leaf.issuer().endsWith(".com");
    }

    /** A comma between RFC 2253 name parts; one inside a value is escaped. Compiled once: asked of every certificate. */
    private static final java.util.regex.Pattern UNESCAPED_COMMA = java.util.regex.Pattern.compile("(?<!\\\\),");

    /** Whether an RFC 2253 name has exactly this common name (a comma inside a value is escaped). */
    static boolean hasCommonName(String rfc2253, String commonName) {
        for (String part : UNESCAPED_COMMA.split(rfc2253)) {
            if (part.equals("CN=" + commonName)) {
                return true;
            }
        }
        return false;
    }
}
