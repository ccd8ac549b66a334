package io.telltale.analysis.dissect.recognise;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.dissect.LineReader;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.ProtocolRecord;
import java.lang.foreign.MemorySegment;

/**
 * A text protocol read from the client's lines (FTP, SMTP): each line goes to {@link #line}, and one
 * record is written when the connection ends. The server's replies are not needed for what we log.
 */
abstract class ClientLinesSession implements DissectorSession {

    static final int MAX_LISTED = 64;

    final FlowContext flow;
    private final LineReader lines = new LineReader();
    private long firstNanos = -1;

    ClientLinesSession(FlowContext flow) {
        this.flow = flow;
    }

    /** One complete client line, without its CR LF. */
    abstract void line(String line);

    /** The connection's record, stamped with its first payload's time. */
    abstract ProtocolRecord record(long timestampNanos);

    /** False once the rest of the client's stream cannot be read (after STARTTLS). */
    boolean reading() {
        return true;
    }

    @Override
    public final void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                                boolean stream, EventSink out) {
        if (firstNanos < 0) {
            firstNanos = timestampNanos;
        }
        if (fromOriginator && reading()) {
            lines.feed(data, offset, length, this::line);
        }
    }

    @Override
    public final void onEnd(long timestampNanos, EventSink out) {
        if (firstNanos >= 0) {
            out.accept(record(firstNanos));
        }
    }

    @Override
    public final long anomalies() {
        return lines.overlongLines();
    }
}
