package io.telltale.dashboard.siem;

import io.telltale.analysis.event.Alert;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One alert as one complete syslog message (without transport framing) in a destination's header
 * and payload formats, within its size limit.
 *
 * <p>Under an RFC 5424 header, structured data always carries the alert's id, severity and ATT&amp;CK
 * techniques ({@code [telltale@PEN ...]}) and a {@code [meta sequenceId]} that lets a receiver see
 * gaps; with the {@code syslog} payload the SD holds every field and the MSG the title. Under RFC
 * 3164 the payload follows the header (CEF and LEEF with no tag, as ArcSight and QRadar expect).
 *
 * <p>A message over the limit is made smaller, not cut blindly: the free-text fields (title, why,
 * names from the wire) are shortened step by step until it fits, so it stays a valid message of its
 * format; only a limit too small even for the bare fields cuts the MSG's tail, at a character
 * boundary.
 */
public final class AlertEncoder {

    /** The syslog header. */
    public enum Header {
        RFC5424, RFC3164;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Header of(String text) {
            return Choices.of(Header.class, "header", text);
        }
    }

    /** What follows the header. */
    public enum Payload {
        SYSLOG, CEF, LEEF, EVE, ECS, OCSF;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Payload of(String text) {
            return Choices.of(Payload.class, "format", text);
        }
    }

    /** A message and whether it had to be shortened to fit. */
    public record Encoded(byte[] bytes, boolean shortened) {
    }

    private static final int[] TEXT_LIMITS = {Integer.MAX_VALUE, 1024, 256, 64, 16, 0};
    private static final String BOM = "\uFEFF";

    private final SensorIdentity sensor;
    private final Header header;
    private final Payload payload;
    private final int facility;
    private final int maxBytes;
    private final boolean singleLine;
    private final boolean bom;
    private final String sdId;

    /**
     * @param facility   0–23 (20 = local4)
     * @param maxBytes   the whole message's limit in octets
     * @param singleLine true when the receiver splits messages on line ends (LF framing, RFC 3164):
     *                   control characters in free text are written as {@code #NNN}
     * @param bom        start an RFC 5424 {@code syslog} MSG with the UTF-8 BOM (RFC 5424 §6.4)
     */
    public AlertEncoder(SensorIdentity sensor, Header header, Payload payload, int facility, int maxBytes, boolean singleLine,
                        boolean bom) {
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("facility must be 0-23, not " + facility);
        }
        this.sensor = sensor;
        this.header = header;
        this.payload = payload;
        this.facility = facility;
        this.maxBytes = maxBytes;
        this.singleLine = singleLine || header == Header.RFC3164;
        this.bom = bom;
        this.sdId = "telltale@" + sensor.enterpriseNumber();
    }

    public Encoded encode(Alert alert, long sequence) {
        byte[] bytes = null;
        for (int i = 0; i < TEXT_LIMITS.length; i++) {
            bytes = message(new AlertView(alert, TEXT_LIMITS[i]), sequence, i == TEXT_LIMITS.length - 1)
                    .getBytes(StandardCharsets.UTF_8);
            if (bytes.length <= maxBytes) {
                return new Encoded(bytes, i > 0);
            }
        }
        return new Encoded(cut(bytes, maxBytes), true);
    }

    private String message(AlertView v, long sequence, boolean bare) {
        Alert a = v.alert;
        int pri = facility * 8 + SeverityScale.syslog(a.severity());
        StringBuilder b = new StringBuilder(768).append('<').append(pri).append('>');
        if (header == Header.RFC3164) {
            b.append(SyslogText.legacyTimestamp(a.timestampNanos())).append(' ')
                    .append(SyslogText.headerField(sensor.shortHostname(), 255)).append(' ');
            switch (payload) {
                case CEF, LEEF -> SyslogText.text(b, body(v), true);
                case SYSLOG -> {
                    b.append(tag()).append(a.severity()).append(' ').append(a.category()).append(' ').append(a.id()).append(": ");
                    SyslogText.text(b, v.text(a.title()), true);
                }
                default -> SyslogText.text(b.append(tag()), body(v), true);
            }
            return b.toString();
        }
        b.append("1 ").append(SyslogText.timestamp(a.timestampNanos())).append(' ')
                .append(SyslogText.headerField(sensor.hostname(), 255)).append(' ')
                .append(SyslogText.headerField(sensor.appName(), 48)).append(' ')
                .append(SyslogText.headerField(sensor.procId(), 128)).append(' ')
                .append(SyslogText.headerField(a.category(), 32)).append(' ');
        b.append('[').append(sdId);
        SyslogText.param(b, "id", a.id(), singleLine);
        SyslogText.param(b, "severity", a.severity(), singleLine);
        if (!a.attack().isEmpty()) {
            SyslogText.param(b, "attack", String.join(",", a.attack()), singleLine);
        }
        if (payload == Payload.SYSLOG && !bare) {
            details(b, v);
        }
        b.append("][meta sequenceId=\"").append(sequence).append("\"]");
        if (payload == Payload.SYSLOG) {
            b.append("[origin");
            SyslogText.param(b, "software", sensor.appName(), singleLine);
            SyslogText.param(b, "swVersion", sensor.version(), singleLine);
            if (sensor.address() != null) {
                SyslogText.param(b, "ip", sensor.address(), singleLine);
            }
            b.append(']');
            String title = v.text(a.title());
            if (!title.isEmpty()) {
                b.append(' ').append(bom ? BOM : "");
                SyslogText.text(b, title, singleLine);
            }
        } else {
            b.append(' ');
            SyslogText.text(b, body(v), singleLine);
        }
        return b.toString();
    }

    private void details(StringBuilder b, AlertView v) {
        Alert a = v.alert;
        param(b, "category", a.category());
        param(b, "detector", a.detector());
        param(b, "device", a.deviceAddress());
        param(b, "deviceGroups", a.deviceName());
        param(b, "remote", a.remoteAddress());
        param(b, "remoteName", v.text(a.remoteName()));
        param(b, "remoteCountry", a.remoteCountry());
        param(b, "remoteAsn", a.remoteAsn() >= 0 ? Long.toString(a.remoteAsn()) : null);
        if (a.connection() != null) {
            param(b, "src", v.source);
            param(b, "dst", v.destination);
            if (v.hasPorts()) {
                param(b, "srcPort", Integer.toString(v.sourcePort));
                param(b, "dstPort", Integer.toString(v.destinationPort));
            }
            param(b, "proto", v.transport);
            param(b, "appProto", v.service);
            param(b, "communityId", v.communityId);
        }
        param(b, "direction", v.outbound ? "outbound" : "inbound");
        param(b, "flowUids", String.join(",", v.flowUids));
        param(b, "score", a.score() >= 0 ? Double.toString(a.score()) : null);
        if (a.signature() != null) {
            param(b, "rule", a.signature().gid() + ":" + a.signature().sid() + ":" + a.signature().rev());
        }
        param(b, "why", v.text(a.why()));
    }

    private void param(StringBuilder b, String name, String value) {
        if (value != null && !value.isEmpty()) {
            SyslogText.param(b, name, value, singleLine);
        }
    }

    private String tag() {
        return SyslogText.headerField(sensor.appName(), 32) + "[" + sensor.procId() + "]: ";
    }

    private String body(AlertView v) {
        return switch (payload) {
            case CEF -> CefFormat.payload(v, sensor);
            case LEEF -> LeefFormat.payload(v, sensor);
            case EVE -> JsonFormat.EVE.payload(v, sensor);
            case ECS -> JsonFormat.ECS.payload(v, sensor);
            case OCSF -> JsonFormat.OCSF.payload(v, sensor);
            case SYSLOG -> throw new IllegalStateException("the syslog payload has no body");
        };
    }

    /** The first bytes up to {@code max}, never ending inside a UTF-8 sequence. */
    static byte[] cut(byte[] bytes, int max) {
        int end = Math.min(max, bytes.length);
        while (end > 0 && end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }
}
