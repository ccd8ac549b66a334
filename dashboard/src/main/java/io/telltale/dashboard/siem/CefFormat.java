package io.telltale.dashboard.siem;

import io.telltale.analysis.event.Alert;
import io.telltale.analysis.event.SignatureHit;

/**
 * ArcSight CEF ({@code CEF:0|vendor|product|version|class|name|severity|extension}), escaped as the
 * specification and siem.md §2.1 say: in the header {@code \} and {@code |} get a backslash; in the
 * extension {@code \} and {@code =} do, and line ends are written {@code \n} and {@code \r}, so a
 * value can hold anything and still end where the next {@code key=} begins (control characters
 * other than tab, which CEF cannot express, become spaces). Standard keys carry what
 * SIEMs map to columns (addresses, ports, protocol, times, the sensor); the rest are labelled custom
 * strings. The event class is the alert's category, or {@code signature:gid:sid} for a rule's alert.
 */
final class CefFormat {

    private CefFormat() {
    }

    static String payload(AlertView v, SensorIdentity sensor) {
        Alert a = v.alert;
        StringBuilder b = new StringBuilder(512).append("CEF:0|");
        header(b, sensor.vendor());
        header(b, sensor.product());
        header(b, sensor.version());
        header(b, eventClass(a));
        header(b, v.text(a.title()));
        b.append(SeverityScale.cef(a.severity())).append('|');
        Extension x = new Extension(b);
        x.add("rt", Long.toString(v.epochMillis()));
        x.add("dvchost", sensor.hostname());
        x.add("dvc", sensor.address());
        x.add("externalId", a.id());
        x.add("cat", a.category());
        x.add("act", "alert");
        x.add("deviceDirection", v.outbound ? "1" : "0");
        x.add("src", v.source);
        x.add("dst", v.destination);
        if (v.hasPorts()) {
            x.add("spt", Integer.toString(v.sourcePort));
            x.add("dpt", Integer.toString(v.destinationPort));
        }
        x.add("proto", v.transportUpper());
        x.add("app", v.service == null ? null : v.service.toUpperCase(java.util.Locale.ROOT));
        if (a.remoteName() != null) {
            x.add(v.outbound ? "dhost" : "shost", v.text(a.remoteName()));
        }
        x.labelled(1, "detector", a.detector());
        x.labelled(2, "attackTechniques", a.attack().isEmpty() ? null : String.join(",", a.attack()));
        x.labelled(3, "communityId", v.communityId);
        x.labelled(4, "deviceGroups", a.deviceName());
        x.labelled(5, "flowUids", String.join(",", v.flowUids));
        if (a.remoteCountry() != null || a.remoteAsn() >= 0) {
            x.labelled(6, "remoteGeo", (a.remoteCountry() == null ? "?" : a.remoteCountry())
                    + (a.remoteAsn() >= 0 ? " AS" + a.remoteAsn() + (a.remoteOrganisation() == null ? "" : " " + a.remoteOrganisation()) : ""));
        }
        if (a.score() >= 0) {
            x.add("cfp1Label", "score");
            x.add("cfp1", Double.toString(a.score()));
        }
        SignatureHit s = a.signature();
        if (s != null && s.buffer() != null) {
            x.add("flexString1Label", s.buffer());
            x.add("flexString1", v.text(s.value()));
        }
        x.add("msg", v.text(a.why()));
        return b.toString();
    }

    static String eventClass(Alert a) {
        SignatureHit s = a.signature();
        return s == null ? a.category() : "signature:" + s.gid() + ":" + s.sid();
    }

    /** A header field with {@code \} and {@code |} escaped, and line ends (which the header may not hold) as spaces. */
    private static void header(StringBuilder b, String value) {
        for (int i = 0; value != null && i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '|') {
                b.append('\\').append(c);
            } else if (c == '\n' || c == '\r') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        b.append('|');
    }

    /** The extension: {@code key=value} pairs separated by single spaces; null values are left out. */
    private static final class Extension {
        private final StringBuilder b;
        private boolean first = true;

        Extension(StringBuilder b) {
            this.b = b;
        }

        void add(String key, String value) {
            if (value == null) {
                return;
            }
            if (!first) {
                b.append(' ');
            }
            first = false;
            b.append(key).append('=');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '=' -> b.append("\\=");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    // CEF has no escape for other controls: a tab stays (it is text), NUL and the like become spaces
                    default -> b.append((c < 0x20 && c != '\t') || c == 0x7f ? ' ' : c);
                }
            }
        }

        void labelled(int n, String label, String value) {
            if (value != null && !value.isEmpty()) {
                add("cs" + n + "Label", label);
                add("cs" + n, value);
            }
        }
    }
}
