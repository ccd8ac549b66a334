package io.telltale.testdata.payload;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** RFC 5424 syslog messages over UDP (RFC 5426): one message per datagram, no trailing newline. */
public final class Syslog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    private Syslog() {
    }

    /** {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID - MSG}; facility local0 (16). */
    public static byte[] message(long unixNanos, int severity, String host, String app, int pid, String msgId, String text) {
        int pri = 16 * 8 + severity;
        return Bytes.text("<" + pri + ">1 " + TIME.format(Instant.ofEpochSecond(0, unixNanos)) + " " + host + " " + app + " "
                + pid + " " + msgId + " - " + text);
    }
}
