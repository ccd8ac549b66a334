package io.telltale.analysis.detect.dns;

import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.event.TlsRecord;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * DNS the monitor cannot read: TLS to a public DNS-over-HTTPS resolver (by name or address) or to
 * port 853 (DNS over TLS). A screening device has a site resolver; going around it hides every name
 * it looks up afterwards.
 */
public final class EncryptedDnsDetector implements Detector {

    static final Set<String> RESOLVER_NAMES = Set.of("cloudflare-dns.com", "mozilla.cloudflare-dns.com", "one.one.one.one",
            "dns.google", "dns.google.com", "dns.quad9.net", "dns9.quad9.net", "doh.opendns.com", "dns.adguard.com",
            "dns.nextdns.io", "doh.cleanbrowsing.org", "dns.alidns.com", "doh.pub", "dns.twnic.tw");
    static final Set<String> RESOLVER_ADDRESSES = Set.of("1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4", "9.9.9.9", "149.112.112.112",
            "208.67.222.222", "208.67.220.220", "94.140.14.14", "223.5.5.5", "2606:4700:4700::1111", "2001:4860:4860::8888");

    @Override
    public String name() {
        return "encrypted-dns";
    }

    @Override
    public void onRecord(ProtocolRecord record, Consumer<Finding> out) {
        if (!(record instanceof TlsRecord t)) {
            return;
        }
        String name = t.serverName() == null ? null : t.serverName().toLowerCase(java.util.Locale.ROOT);
        boolean known = (name != null && RESOLVER_NAMES.contains(name)) || RESOLVER_ADDRESSES.contains(t.responderHost());
        if (!known && t.responderPort() != 853) {
            return;
        }
        String how = t.responderPort() == 853 ? "DNS over TLS (port 853)" : "DNS over HTTPS";
        out.accept(new Finding(t.timestampNanos(), Category.ENCRYPTED_DNS, Severity.HIGH, how + " to " + (name != null ? name
                : t.responderHost()), t.originatorHost() + " opened TLS to " + t.responderHost() + (name != null ? " (" + name
                + ")" : "") + ", a public encrypted-DNS resolver: the names it resolves there bypass the site resolver and "
                + "this monitor.", t.originatorHost(), t.responderHost(), name, List.of("T1572", "T1071.004"),
                List.of(t.flowId()), -1));
    }
}
