package io.telltale.dashboard.siem;

import io.telltale.analysis.event.Alert;

/**
 * IBM LEEF 2.0 for QRadar with {@code ^} as the delimiter (siem.md §2.2: TAB-delimited LEEF 1.0 does
 * not survive an rsyslog relay, which rewrites TAB as {@code #011}). LEEF has no escape mechanism,
 * so values are percent-encoded where they would break it: {@code %}, the delimiter, and control
 * characters (and {@code |} in the header). A receiver that knows nothing of that still sees every
 * attribute whole, and the encoding reverses exactly. Predefined keys where QRadar normalises them
 * ({@code devTime cat sev src dst srcPort dstPort proto}); custom keys otherwise.
 */
final class LeefFormat {

    static final char DELIMITER = '^';

    private LeefFormat() {
    }

    static String payload(AlertView v, SensorIdentity sensor) {
        Alert a = v.alert;
        StringBuilder b = new StringBuilder(512).append("LEEF:2.0|");
        header(b, sensor.vendor());
        header(b, sensor.product());
        header(b, sensor.version());
        header(b, CefFormat.eventClass(a));
        b.append(DELIMITER).append('|');
        Attributes x = new Attributes(b);
        x.add("devTime", Long.toString(v.epochMillis()));
        x.add("cat", a.category());
        x.add("sev", Integer.toString(SeverityScale.leef(a.severity())));
        x.add("src", v.source);
        x.add("dst", v.destination);
        if (v.hasPorts()) {
            x.add("srcPort", Integer.toString(v.sourcePort));
            x.add("dstPort", Integer.toString(v.destinationPort));
        }
        x.add("proto", v.transportUpper());
        x.add("alertId", a.id());
        x.add("severity", a.severity());
        x.add("detector", a.detector());
        x.add("direction", v.outbound ? "outbound" : "inbound");
        x.add("attack", a.attack().isEmpty() ? null : String.join(",", a.attack()));
        x.add("appProto", v.service);
        x.add("remoteName", v.text(a.remoteName()));
        x.add("remoteCountry", a.remoteCountry());
        x.add("remoteAsn", a.remoteAsn() >= 0 ? Long.toString(a.remoteAsn()) : null);
        x.add("deviceGroups", a.deviceName());
        x.add("communityId", v.communityId);
        x.add("flowUids", String.join(",", v.flowUids));
        x.add("title", v.text(a.title()));
        x.add("msg", v.text(a.why()));
        return b.toString();
    }

    private static void header(StringBuilder b, String value) {
        encode(b, value, true);
        b.append('|');
    }

    private static void encode(StringBuilder b, String value, boolean header) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' || c == DELIMITER || c < 0x20 || c == 0x7f || (header && c == '|')) {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            } else {
                b.append(c);
            }
        }
    }

    private static final class Attributes {
        private final StringBuilder b;
        private boolean first = true;

        Attributes(StringBuilder b) {
            this.b = b;
        }

        void add(String key, String value) {
            if (value == null || value.isEmpty()) {
                return;
            }
            if (!first) {
                b.append(DELIMITER);
            }
            first = false;
            b.append(key).append('=');
            encode(b, value, false);
        }
    }
}
