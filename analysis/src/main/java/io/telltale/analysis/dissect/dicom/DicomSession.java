package io.telltale.analysis.dissect.dicom;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.dissect.Lists;
import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.EventSink;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One DICOM connection: its association (one per connection, PS3.8 9.1.1), written when it is
 * rejected, released or aborted, or when the connection ends first.
 */
final class DicomSession implements DissectorSession {

    static final int MAX_COMMANDS = 32;

    private final FlowContext flow;
    private final Association association = new Association();
    private final PduReader requester = new PduReader(new Side(true));
    private final PduReader acceptor = new PduReader(new Side(false));
    private final List<String> commands = new ArrayList<>();
    private final List<String> affectedSopClasses = new ArrayList<>();
    private long timestampNanos = -1;
    private long nowNanos;
    private int stores;
    private long originatorDataBytes;
    private long responderDataBytes;
    private String end;
    private boolean written;
    private EventSink out;
    private long anomalies;

    DicomSession(FlowContext flow) {
        this.flow = flow;
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                          boolean stream, EventSink sink) {
        this.out = sink;
        this.nowNanos = timestampNanos;
        if (!written) {
            (fromOriginator ? requester : acceptor).feed(data, offset, length);
        }
    }

    @Override
    public void onGap(boolean fromOriginator, long length) {
        (fromOriginator ? requester : acceptor).lose();
    }

    @Override
    public void onEnd(long timestampNanos, EventSink sink) {
        this.out = sink;
        if (end == null) {
            end = "open";
        }
        write();
    }

    @Override
    public long anomalies() {
        return anomalies + association.anomalies + requester.anomalies() + acceptor.anomalies();
    }

    private void write() {
        if (written || timestampNanos < 0) {
            return;
        }
        written = true;
        Association a = association;
        out.accept(new DicomRecord(flow.flowId(), timestampNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), a.callingAe, a.calledAe, a.applicationContext,
                a.abstractSyntaxes, a.transferSyntaxes, a.implementationClassUid, a.implementationVersion,
                a.responderImplementationClassUid, a.responderImplementationVersion, a.maxPduLength, a.result,
                a.rejectResult, a.rejectSource, a.rejectReason, a.acceptedContexts, a.userIdentityType, a.userName,
                a.passcodeInCleartext, commands, affectedSopClasses, stores, originatorDataBytes, responderDataBytes,
                end));
    }

    /** One direction's PDUs, read into the association. */
    private final class Side implements PduReader.Listener {
        private final boolean fromRequester;

        Side(boolean fromRequester) {
            this.fromRequester = fromRequester;
        }

        @Override
        public void onControl(int type, byte[] body, int length) {
            switch (type) {
                case 1 -> {
                    if (!fromRequester || timestampNanos >= 0) {
                        anomalies++;
                        return;
                    }
                    timestampNanos = nowNanos;
                    association.request(body, length);
                }
                case 2 -> association.accept(body, length);
                case 3 -> {
                    association.reject(body, length);
                    end = "rejected";
                    write();
                }
                case 5 -> end = "released";
                case 6 -> {
                    end = "released";
                    write();
                }
                case 7 -> {
                    end = "aborted";
                    write();
                }
                default -> anomalies++;
            }
        }

        @Override
        public void onData(long length) {
            if (fromRequester) {
                originatorDataBytes += length;
            } else {
                responderDataBytes += length;
            }
        }

        @Override
        public void onCommand(byte[] command, int length) {
            DimseCommand c = DimseCommand.read(command, length);
            if (c.name() == null) {
                anomalies++;
                return;
            }
            if (c.name().equals("C-STORE-RQ")) {
                stores++;
            }
            Lists.addOnce(commands, c.name(), MAX_COMMANDS);
            Lists.addOnce(affectedSopClasses, c.affectedSopClass(), MAX_COMMANDS);
        }
    }
}
