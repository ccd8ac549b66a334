package io.telltale.analysis.content;

import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.SensitiveDataRecord;
import java.util.function.Supplier;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The sensitive-data search of one flow: the first {@link #BUDGET} bytes of each direction are
 * scanned, with the last {@link #CARRY} bytes kept so a match across two segments is found; a gzip
 * stream (raw, or Base64 text starting {@code H4sI}) is inflated as it arrives and scanned too. Each
 * kind is reported once per direction and encoding. Allocated once per flow that carries payload in
 * clear; the scratch buffers are the worker's, shared by all its flows, so scanning a packet
 * allocates nothing (a decoder is made when a gzip stream starts, a record when something is found).
 */
public final class ContentScan implements ContentSignatures.Hits, GzipDecoder.Output {

    /** Bytes of each direction looked at: exfiltration hides nowhere else than in the data, but bounded. */
    public static final int BUDGET = 128 * 1024;
    static final int CARRY = ContentSignatures.LONGEST;

    /** The worker's buffers: carry and one chunk of payload side by side, plain and inflated. */
    public static final class Scratch {
        final byte[] plain = new byte[CARRY + 16 * 1024];
        final byte[] inflated = new byte[CARRY + 16 * 1024];
    }

    /** The state of one direction. */
    private static final class Direction {
        final boolean fromOriginator;
        long seen;
        byte[] carry;
        int carryLength;
        int reported;
        GzipDecoder decoder;
        String decodedEncoding;
        byte[] inflatedCarry;
        int inflatedCarryLength;
        long inflatedSeen;

        Direction(boolean fromOriginator) {
            this.fromOriginator = fromOriginator;
        }
    }

    /** The flow being scanned, put in text only when something is found. */
    private final Supplier<FlowContext> flow;
    private final Direction originator = new Direction(true);
    private final Direction responder = new Direction(false);
    private final Direction[] both = {originator, responder};

    // what the callbacks need to know about the scan under way
    private Direction current;
    private Scratch scratch;
    private EventSink sink;
    private long nowNanos;
    private long base;
    private boolean plain;
    private byte[] chunk;
    private int chunkEnd;
    private boolean decoderStarted;

    public ContentScan(Supplier<FlowContext> flow) {
        this(flow, true, true);
    }

    /** Scanning only the directions asked for (the others count as spent). */
    public ContentScan(Supplier<FlowContext> flow, boolean originatorSide, boolean responderSide) {
        this.flow = flow;
        if (!originatorSide) {
            originator.seen = BUDGET;
        }
        if (!responderSide) {
            responder.seen = BUDGET;
        }
    }

    /** Scans a payload; findings go to {@code sink} as {@link SensitiveDataRecord}s. */
    public void onPayload(long now, boolean fromOriginator, MemorySegment data, long offset, int length, Scratch buffers,
                          EventSink out) {
        Direction d = fromOriginator ? originator : responder;
        if (d.carry == null) {
            if (d.seen >= BUDGET) {
                return;
            }
            d.carry = new byte[CARRY]; // once per direction that carries payload
        }
        current = d;
        scratch = buffers;
        sink = out;
        nowNanos = now;
        long at = offset;
        long end = offset + length;
        while (at < end) {
            boolean scanning = d.seen < BUDGET;
            boolean decoding = d.decoder != null && !d.decoder.done();
            if (!scanning && !decoding) {
                return;
            }
            int n = (int) Math.min(end - at, buffers.plain.length - CARRY);
            if (scanning) {
                n = (int) Math.min(n, BUDGET - d.seen); // the decoder, if any, gets the rest next round
            }
            byte[] b = buffers.plain;
            System.arraycopy(d.carry, 0, b, 0, d.carryLength);
            MemorySegment.copy(data, ValueLayout.JAVA_BYTE, at, b, d.carryLength, n);
            int total = d.carryLength + n;
            decoderStarted = false;
            if (scanning) {
                plain = true;
                base = d.seen - d.carryLength;
                chunk = b;
                chunkEnd = total;
                ContentSignatures.scan(b, 0, d.carryLength, total, base == 0, this);
            }
            if (decoding && !decoderStarted) {
                d.decoder.feed(b, d.carryLength, total, this);
            }
            int keep = Math.min(CARRY, total);
            System.arraycopy(b, total - keep, d.carry, 0, keep);
            d.carryLength = keep;
            d.seen += n;
            at += n;
        }
    }

    @Override
    public void hit(SensitiveKind kind, byte[] data, int at, int length) {
        Direction d = current;
        int bit = 1 << (kind.ordinal() + (plain ? 0 : 16));
        if ((d.reported & bit) != 0) {
            return;
        }
        d.reported |= bit;
        FlowContext f = flow.get();
        sink.accept(new SensitiveDataRecord(f.flowId(), nowNanos, f.originatorHost(), f.originatorPort(),
                f.responderHost(), f.responderPort(), d.fromOriginator, kind.text(), kind.description(), base + at,
                plain ? "plain" : d.decodedEncoding, hash(data, at, length)));
    }

    @Override
    public void gzip(int at, boolean base64) {
        Direction d = current;
        if (!plain || d.decoder != null) {
            return; // one decoder per direction; none inside inflated data
        }
        d.decoder = new GzipDecoder(base64);
        d.decodedEncoding = base64 ? "base64+gzip" : "gzip";
        d.inflatedCarry = new byte[CARRY];
        decoderStarted = true;
        // from the magic to this chunk's end; the next chunks are fed by onPayload
        d.decoder.feed(chunk, at, chunkEnd, this);
    }

    @Override
    public void inflated(byte[] out, int n) {
        Direction d = current;
        boolean wasPlain = plain;
        long wasBase = base;
        plain = false;
        byte[] b = scratch.inflated;
        int done = 0;
        while (done < n) {
            int piece = Math.min(n - done, b.length - CARRY);
            System.arraycopy(d.inflatedCarry, 0, b, 0, d.inflatedCarryLength);
            System.arraycopy(out, done, b, d.inflatedCarryLength, piece);
            int total = d.inflatedCarryLength + piece;
            base = d.inflatedSeen - d.inflatedCarryLength;
            ContentSignatures.scan(b, 0, d.inflatedCarryLength, total, base == 0, this);
            int keep = Math.min(CARRY, total);
            System.arraycopy(b, total - keep, d.inflatedCarry, 0, keep);
            d.inflatedCarryLength = keep;
            d.inflatedSeen += piece;
            done += piece;
        }
        plain = wasPlain;
        base = wasBase;
    }

    /** Whether nothing more will be looked at: both budgets spent and no gzip stream being inflated. */
    public boolean finished() {
        return spent(originator) && spent(responder);
    }

    private static boolean spent(Direction d) {
        return d.seen >= BUDGET && (d.decoder == null || d.decoder.done());
    }

    /** The flow ended: the native inflaters are freed. */
    public void end() {
        for (Direction d : both) {
            if (d.decoder != null) {
                d.decoder.end();
            }
        }
    }

    private static String hash(byte[] data, int at, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data, at, length);
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
