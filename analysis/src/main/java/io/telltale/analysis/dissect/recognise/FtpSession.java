package io.telltale.analysis.dissect.recognise;

import io.telltale.analysis.dissect.Lists;
import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.dissect.LineReader;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.FtpRecord;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The client's side of an FTP control connection (RFC 959): USER, PASS (noted only), STOR and RETR. */
final class FtpSession implements DissectorSession {

    static final int MAX_LISTED = 64;

    private final FlowContext flow;
    private final LineReader lines = new LineReader();
    private long firstNanos = -1;
    private String user;
    private boolean password;
    private final List<String> commands = new ArrayList<>();
    private final List<String> stored = new ArrayList<>();
    private final List<String> retrieved = new ArrayList<>();

    FtpSession(FlowContext flow) {
        this.flow = flow;
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                          boolean stream, EventSink out) {
        if (firstNanos < 0) {
            firstNanos = timestampNanos;
        }
        if (fromOriginator) {
            lines.feed(data, offset, length, this::command);
        }
    }

    private void command(String line) {
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
    public void onEnd(long timestampNanos, EventSink out) {
        if (firstNanos >= 0) {
            out.accept(new FtpRecord(flow.flowId(), firstNanos, flow.originatorHost(), flow.originatorPort(),
                    flow.responderHost(), flow.responderPort(), user, password, commands, stored, retrieved));
        }
    }

    @Override
    public long anomalies() {
        return lines.overlongLines();
    }
}
