package io.telltale.analysis.dissect.dns;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.DnsRecord;
import io.telltale.analysis.event.EventSink;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * DNS state of one flow: queries waiting for their response (by transaction id, in order), and for
 * TCP the length-prefixed messages being put together per direction. A response closes the oldest
 * waiting query with its id; what is left is written when the flow ends, as Zeek does.
 */
final class DnsSession implements DissectorSession {

    /** Queries waiting for an answer; beyond this the oldest is written unanswered. */
    static final int MAX_PENDING = 256;
    /** The largest DNS message over TCP (RFC 1035 §4.2.2: a 16-bit length). */
    static final int MAX_TCP_MESSAGE = 65_535;

    private final FlowContext flow;
    private final boolean netbios;
    private final DnsMessage message = new DnsMessage();
    private final List<Pending> pending = new ArrayList<>();
    private final TcpMessages fromOriginator = new TcpMessages();
    private final TcpMessages fromResponder = new TcpMessages();
    private long anomalies;

    /** A query seen, its answer not yet. */
    private record Pending(long timestampNanos, int id, String query, int queryClass, int queryType, boolean rd,
                           int z, int opcode) {
    }

    DnsSession(FlowContext flow) {
        this.flow = flow;
        this.netbios = flow.responderPort() == 137 || flow.originatorPort() == 137;
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOrig, MemorySegment data, long offset, int length,
                          boolean stream, EventSink out) {
        if (!stream) {
            onMessage(timestampNanos, data, offset, length, out);
            return;
        }
        TcpMessages messages = fromOrig ? fromOriginator : fromResponder;
        messages.append(data, offset, length);
        while (messages.hasMessage()) {
            onMessage(timestampNanos, messages.segment(), 2, messages.messageLength(), out);
            messages.consume();
        }
        if (messages.broken()) {
            anomalies++;
            messages.reset();
        }
    }

    @Override
    public void onGap(boolean fromOrig, long length) {
        // A gap desynchronises length prefixes: drop the partial message and wait for the next one.
        (fromOrig ? fromOriginator : fromResponder).reset();
    }

    private void onMessage(long timestampNanos, MemorySegment data, long offset, int length, EventSink out) {
        boolean parsed = message.parse(data, offset, length, netbios);
        if (!parsed) {
            anomalies++;
            if (message.query == null && message.answers.isEmpty()) {
                return;
            }
        }
        if (!message.response) {
            if (pending.size() == MAX_PENDING) {
                emit(pending.removeFirst(), -1, null, out, false);
            }
            pending.add(new Pending(timestampNanos, message.id, message.query, message.queryClass, message.queryType,
                    message.recursionDesired, message.z, message.opcode));
            return;
        }
        Pending query = null;
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending candidate = it.next();
            if (candidate.id() == message.id) {
                query = candidate;
                it.remove();
                break;
            }
        }
        if (query == null) {
            // A response whose query we did not see: it stands alone, dated by itself.
            query = new Pending(timestampNanos, message.id, null, -1, -1, false, message.z, message.opcode);
        }
        emit(query, timestampNanos, message, out, true);
    }

    private void emit(Pending query, long responseNanos, DnsMessage response, EventSink out, boolean answered) {
        boolean hasAnswers = answered && !response.answers.isEmpty();
        String name = query.query();
        if (name == null && answered) {
            name = response.query != null ? response.query : response.firstAnswerOwner;
        }
        boolean sawQuery = query.queryType() >= 0 || query.query() != null;
        long rtt = hasAnswers && sawQuery && responseNanos >= 0 ? responseNanos - query.timestampNanos() : -1;
        out.accept(new DnsRecord(flow.flowId(), query.timestampNanos(), flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), flow.tcp(), query.id(), rtt, name,
                query.queryClass(), query.queryType(),
                answered ? response.rcode : -1,
                hasAnswers && response.authoritative,
                hasAnswers && response.truncated,
                query.rd(),
                hasAnswers && response.recursionAvailable,
                query.z(),
                hasAnswers ? List.copyOf(response.answers) : List.of(),
                hasAnswers ? List.copyOf(response.ttls) : List.of(),
                answered && response.rcode == 5,
                query.opcode()));
    }

    @Override
    public void onEnd(long timestampNanos, EventSink out) {
        for (Pending query : pending) {
            emit(query, -1, null, out, false);
        }
        pending.clear();
    }

    @Override
    public long anomalies() {
        return anomalies;
    }

    /** DNS over TCP: each message is preceded by its 16-bit length; messages may split anywhere. */
    private static final class TcpMessages {
        private byte[] buffer = new byte[512];
        private MemorySegment view = MemorySegment.ofArray(buffer);
        private int filled;
        private boolean broken;

        void append(MemorySegment data, long offset, int length) {
            if (filled + length > MAX_TCP_MESSAGE + 2) {
                broken = true;
                return;
            }
            if (filled + length > buffer.length) {
                byte[] bigger = new byte[Math.min(MAX_TCP_MESSAGE + 2, Math.max(buffer.length * 2, filled + length))];
                System.arraycopy(buffer, 0, bigger, 0, filled);
                buffer = bigger;
                view = MemorySegment.ofArray(buffer);
            }
            MemorySegment.copy(data, java.lang.foreign.ValueLayout.JAVA_BYTE, offset, buffer, filled, length);
            filled += length;
        }

        boolean hasMessage() {
            return !broken && filled >= 2 && filled >= 2 + messageLength();
        }

        int messageLength() {
            return ((buffer[0] & 0xff) << 8) | (buffer[1] & 0xff);
        }

        MemorySegment segment() {
            return view;
        }

        void consume() {
            int used = 2 + messageLength();
            System.arraycopy(buffer, used, buffer, 0, filled - used);
            filled -= used;
        }

        boolean broken() {
            return broken;
        }

        void reset() {
            filled = 0;
            broken = false;
        }
    }
}
