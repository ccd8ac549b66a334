package io.telltale.analysis.dissect.recognise;

import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.dissect.Lists;
import io.telltale.analysis.event.FtpRecord;
import io.telltale.analysis.event.ProtocolRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The client's side of an FTP control connection (RFC 959): USER, PASS (noted only), STOR and RETR. */
final class FtpSession extends ClientLinesSession {

    private String user;
    private boolean password;
    private final List<String> commands = new ArrayList<>();
    private final List<String> stored = new ArrayList<>();
    private final List<String> retrieved = new ArrayList<>();

    FtpSession(FlowContext flow) {
        super(flow);
    }

    @Override
    void line(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        if (verb.isEmpty() || verb.length() > 8) {
            return;
        }
        Lists.addOnce(commands, verb, MAX_LISTED);
        switch (verb) {
            case "USER" -> user = argument;
            case "PASS" -> password = !argument.isEmpty();
            case "STOR", "STOU", "APPE" -> Lists.addOnce(stored, argument, MAX_LISTED);
            case "RETR" -> Lists.addOnce(retrieved, argument, MAX_LISTED);
            default -> {
            }
        }
    }

    @Override
    ProtocolRecord record(long timestampNanos) {
        return new FtpRecord(flow.flowId(), timestampNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), user, password, commands, stored, retrieved);
    }
}
