package io.telltale.analysis.event;

import java.util.List;

/**
 * One SMTP connection's envelope: the client's HELO or EHLO name, the MAIL FROM and RCPT TO addresses
 * (at most 64), how many messages were sent, and whether the client switched to TLS (after which
 * nothing more is readable).
 */
public record SmtpRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        String helo,
        List<String> mailFrom,
        List<String> rcptTo,
        int messages,
        boolean startTls) implements ProtocolRecord {

    public SmtpRecord {
        mailFrom = List.copyOf(mailFrom);
        rcptTo = List.copyOf(rcptTo);
    }
}
