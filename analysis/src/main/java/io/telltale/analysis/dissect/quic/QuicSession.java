package io.telltale.analysis.dissect.quic;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.dissect.tls.ClientHellos;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.TlsRecord;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;

/**
 * One QUIC connection: the client's Initial packets are opened and their CRYPTO frames put back in
 * order (clients split and shuffle the ClientHello over frames and packets) until the ClientHello is
 * whole; then its TLS record is written and the rest of the connection costs nothing.
 */
final class QuicSession implements DissectorSession {

    /** A ClientHello longer than this (post-quantum key shares make them 2-3 KiB) is not waited for. */
    static final int MAX_HELLO = 16 * 1024;
    /** Client Initials looked at before giving up. */
    static final int MAX_INITIALS = 8;

    private final FlowContext flow;
    private final byte[] crypto = new byte[MAX_HELLO];
    private final BitSet filled = new BitSet(MAX_HELLO);
    private long firstNanos = -1;
    private int initials;
    private boolean done;
    private long anomalies;

    QuicSession(FlowContext flow) {
        this.flow = flow;
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                          boolean stream, EventSink out) {
        if (done || !fromOriginator || stream) {
            return;
        }
        if (firstNanos < 0) {
            firstNanos = timestampNanos;
        }
        byte[] datagram = data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
        int at = 0;
        while (at < datagram.length && !done) {
            InitialPacket.Opened packet = InitialPacket.open(datagram, at, datagram.length);
            if (packet == null) {
                break; // coalesced 0-RTT or Handshake packets, or padding: not ours to read
            }
            if (++initials > MAX_INITIALS) {
                done = true;
                break;
            }
            frames(packet.frames());
            tryHello(out);
            at = packet.next();
        }
    }

    /** Takes the CRYPTO frames; skips PADDING, PING and ACK; stops at anything else (RFC 9000 §12.4). */
    private void frames(byte[] f) {
        long[] v = new long[1];
        int at = 0;
        while (at < f.length) {
            int type = f[at++] & 0xff;
            switch (type) {
                case 0x00, 0x01 -> {
                }
                case 0x02, 0x03 -> {
                    for (int i = 0; i < 3 && at >= 0; i++) {
                        at = InitialPacket.varint(f, at, f.length, v); // largest, delay, range count
                    }
                    long ranges = v[0];
                    at = InitialPacket.varint(f, at, f.length, v); // first range
                    for (long r = 0; r < ranges * 2 + (type == 0x03 ? 3 : 0) && at >= 0; r++) {
                        at = InitialPacket.varint(f, at, f.length, v);
                    }
                    if (at < 0) {
                        anomalies++;
                        return;
                    }
                }
                case 0x06 -> {
                    at = InitialPacket.varint(f, at, f.length, v);
                    long offset = v[0];
                    at = at < 0 ? -1 : InitialPacket.varint(f, at, f.length, v);
                    long length = v[0];
                    if (at < 0 || at + length > f.length) {
                        anomalies++;
                        return;
                    }
                    if (offset + length <= MAX_HELLO) {
                        System.arraycopy(f, at, crypto, (int) offset, (int) length);
                        filled.set((int) offset, (int) (offset + length));
                    }
                    at += (int) length;
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void tryHello(EventSink out) {
        int contiguous = filled.nextClearBit(0);
        if (contiguous < 4) {
            return;
        }
        int length = 4 + (((crypto[1] & 0xff) << 16) | ((crypto[2] & 0xff) << 8) | (crypto[3] & 0xff));
        if (length > MAX_HELLO) {
            done = true;
            anomalies++;
            return;
        }
        if (contiguous < length) {
            return;
        }
        done = true;
        TlsRecord record = ClientHellos.overQuic(flow, firstNanos, crypto, length);
        if (record == null) {
            anomalies++;
        } else {
            out.accept(record);
        }
    }

    @Override
    public long anomalies() {
        return anomalies;
    }
}
