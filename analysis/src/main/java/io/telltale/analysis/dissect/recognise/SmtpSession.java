package io.telltale.analysis.dissect.recognise;

import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.dissect.Lists;
import io.telltale.analysis.event.ProtocolRecord;
import io.telltale.analysis.event.SmtpRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client's side of an SMTP connection (RFC 5321): HELO/EHLO, MAIL FROM, RCPT TO, DATA (whose
 * content is skipped up to the lone dot), and STARTTLS, after which the stream is encrypted.
 */
final class SmtpSession extends ClientLinesSession {

    private String helo;
    private final List<String> mailFrom = new ArrayList<>();
    private final List<String> rcptTo = new ArrayList<>();
    private int messages;
    private boolean inData;
    private boolean startTls;

    SmtpSession(FlowContext flow) {
        super(flow);
    }

    @Override
    boolean reading() {
        return !startTls;
    }

    @Override
    void line(String line) {
        if (startTls) {
            return; // lines after STARTTLS in the same segment are already ciphertext
        }
        if (inData) {
            if (line.equals(".")) {
                inData = false;
                messages++;
            }
            return;
        }
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("HELO ") || upper.startsWith("EHLO ")) {
            helo = line.substring(5).trim();
        } else if (upper.startsWith("MAIL FROM:")) {
            Lists.addOnce(mailFrom, address(line.substring(10)), MAX_LISTED);
        } else if (upper.startsWith("RCPT TO:")) {
            Lists.addOnce(rcptTo, address(line.substring(8)), MAX_LISTED);
        } else if (upper.equals("DATA")) {
            inData = true;
        } else if (upper.equals("STARTTLS")) {
            startTls = true;
        }
    }

    /** The address inside angle brackets, parameters after it dropped. */
    static String address(String argument) {
        String a = argument.trim();
        int open = a.indexOf('<');
        int close = a.indexOf('>', open + 1);
        return open >= 0 && close > open ? a.substring(open + 1, close) : a.split(" ", 2)[0];
    }

    @Override
    ProtocolRecord record(long timestampNanos) {
        return new SmtpRecord(flow.flowId(), timestampNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), helo, mailFrom, rcptTo, messages, startTls);
    }
}
