package io.telltale.analysis.dissect.dicom;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Frames one direction of a DICOM connection into PDUs (PS3.8 9.3): control PDUs are gathered
 * whole (they are small), P-DATA is streamed, its PDV items followed so that command fragments
 * (always small, PS3.7 6.3.1) can be gathered while data fragments are only counted.
 */
final class PduReader {

    /** What the reader finds. */
    interface Listener {
        /** A whole PDU other than P-DATA: its type and body (after the 6-byte header). */
        void onControl(int type, byte[] body, int length);

        /** A P-DATA PDU began with this many bytes of body. */
        void onData(long length);

        /** A whole DIMSE command set, gathered over its fragments. */
        void onCommand(byte[] command, int length);
    }

    static final int P_DATA = 4;
    /** Control PDUs beyond this are not framed, they are counted as malformed. */
    static final int MAX_CONTROL = 64 * 1024;
    /** Command sets are a few hundred bytes; beyond this the rest is not kept. */
    static final int MAX_COMMAND = 4096;

    private final Listener listener;
    private final byte[] header = new byte[6];
    private int headerFill;
    private int type;
    private long remaining;
    /** The control PDU being gathered, sized to its length: a connection has only a handful. */
    private byte[] control = new byte[0];
    private int controlFill;
    private final byte[] pdvHeader = new byte[6];
    private int pdvHeaderFill;
    private long pdvRemaining;
    private boolean pdvCommand;
    private boolean pdvLast;
    private final byte[] command = new byte[MAX_COMMAND];
    private int commandFill;
    private boolean broken;
    private long anomalies;

    PduReader(Listener listener) {
        this.listener = listener;
    }

    long anomalies() {
        return anomalies;
    }

    /** Bytes were lost: PDU boundaries cannot be found again without guessing, so this direction stops. */
    void lose() {
        if (!broken) {
            anomalies++;
            broken = true;
        }
    }

    void feed(MemorySegment data, long offset, int length) {
        long at = offset;
        long end = offset + length;
        while (at < end && !broken) {
            if (headerFill < header.length) {
                header[headerFill++] = data.get(ValueLayout.JAVA_BYTE, at++);
                if (headerFill == header.length) {
                    startPdu();
                }
            } else if (type == P_DATA) {
                at = data(data, at, end);
            } else {
                int take = (int) Math.min(end - at, remaining);
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, at, control, controlFill, take);
                controlFill += take;
                remaining -= take;
                at += take;
                if (remaining == 0) {
                    endControl();
                }
            }
        }
    }

    private void startPdu() {
        type = header[0] & 0xff;
        remaining = ((header[2] & 0xffL) << 24) | ((header[3] & 0xff) << 16) | ((header[4] & 0xff) << 8) | (header[5] & 0xff);
        if (type < 1 || type > 7 || (type != P_DATA && remaining > MAX_CONTROL)) {
            anomalies++;
            broken = true;
            return;
        }
        if (type == P_DATA) {
            listener.onData(remaining);
            pdvHeaderFill = 0;
            if (remaining == 0) {
                headerFill = 0;
            }
        } else {
            controlFill = 0;
            control = new byte[(int) remaining];
            if (remaining == 0) {
                endControl();
            }
        }
    }

    private void endControl() {
        headerFill = 0;
        listener.onControl(type, control, controlFill);
    }

    /** Follows the PDV items of a P-DATA body: 4-byte length, context id, control header, value. */
    private long data(MemorySegment data, long at, long end) {
        if (pdvHeaderFill < pdvHeader.length) {
            pdvHeader[pdvHeaderFill++] = data.get(ValueLayout.JAVA_BYTE, at++);
            remaining--;
            if (pdvHeaderFill == pdvHeader.length) {
                long itemLength = ((pdvHeader[0] & 0xffL) << 24) | ((pdvHeader[1] & 0xff) << 16)
                        | ((pdvHeader[2] & 0xff) << 8) | (pdvHeader[3] & 0xff);
                pdvRemaining = itemLength - 2;
                pdvCommand = (pdvHeader[5] & 1) != 0;
                pdvLast = (pdvHeader[5] & 2) != 0;
                if (pdvRemaining < 0 || pdvRemaining > remaining) {
                    anomalies++; // a PDV never spans PDUs (PS3.8 9.3.5)
                    broken = true;
                    return end;
                }
                endPdvIfDone();
            }
        } else {
            int take = (int) Math.min(end - at, pdvRemaining);
            if (pdvCommand) {
                int keep = Math.min(take, MAX_COMMAND - commandFill);
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, at, command, commandFill, keep);
                commandFill += keep;
            }
            at += take;
            pdvRemaining -= take;
            remaining -= take;
            endPdvIfDone();
        }
        if (remaining == 0) {
            headerFill = 0;
            pdvHeaderFill = 0;
        }
        return at;
    }

    private void endPdvIfDone() {
        if (pdvRemaining != 0) {
            return;
        }
        if (pdvCommand && pdvLast) {
            listener.onCommand(command, commandFill);
            commandFill = 0;
        }
        pdvHeaderFill = 0;
    }
}
