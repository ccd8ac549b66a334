package io.telltale.analysis.dissect.ssh;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.SshRecord;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SSH state of one flow: per direction, the banner line, then the first binary packet, which should be
 * the KEXINIT. Once both KEXINITs (or the end of the flow) have been seen, one record is written.
 */
final class SshSession implements DissectorSession {

    /** RFC 4253 §4.2: the identification line is at most 255 bytes with CR LF. */
    static final int MAX_BANNER = 255;
    /** RFC 4253 §6.1 lets packets reach 35000 bytes; KEXINITs are far smaller. */
    static final int MAX_PACKET = 35_000;

    private final FlowContext flow;
    private final Side client = new Side();
    private final Side server = new Side();
    private long firstNanos = -1;
    private boolean written;
    private long anomalies;

    SshSession(FlowContext flow) {
        this.flow = flow;
    }

    /** What one side sent: banner, then its first packet. */
    private static final class Side {
        byte[] buffer = new byte[512];
        int filled;
        String banner;
        KexInit kexInit;
        boolean done;
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                          boolean stream, EventSink out) {
        if (firstNanos < 0) {
            firstNanos = timestampNanos;
        }
        Side side = fromOriginator ? client : server;
        if (side.done || written) {
            return;
        }
        append(side, data, offset, length);
        if (side.banner == null) {
            readBanner(side);
        }
        if (side.banner != null && side.kexInit == null && !side.done) {
            readKexInit(side);
        }
        if (client.kexInit != null && server.kexInit != null) {
            write(out);
        }
    }

    private void append(Side side, MemorySegment data, long offset, int length) {
        int room = MAX_BANNER + 2 + MAX_PACKET + 8 - side.filled;
        int take = Math.min(length, room);
        if (take <= 0) {
            side.done = true;
            anomalies++;
            return;
        }
        if (side.filled + take > side.buffer.length) {
            side.buffer = java.util.Arrays.copyOf(side.buffer, Math.max(side.buffer.length * 2, side.filled + take));
        }
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, offset, side.buffer, side.filled, take);
        side.filled += take;
    }

    /** Lines before the one starting {@code SSH-} are allowed from servers (RFC 4253 §4.2). */
    private void readBanner(Side side) {
        int lineStart = 0;
        for (int i = 0; i < side.filled; i++) {
            if (side.buffer[i] != '\n') {
                continue;
            }
            int end = i > lineStart && side.buffer[i - 1] == '\r' ? i - 1 : i;
            String line = new String(side.buffer, lineStart, end - lineStart, StandardCharsets.ISO_8859_1);
            lineStart = i + 1;
            if (line.startsWith("SSH-")) {
                side.banner = line;
                consume(side, lineStart);
                return;
            }
        }
        if (side.filled - lineStart > MAX_BANNER * 4) {
            side.done = true;
            anomalies++;
        }
    }

    private void readKexInit(Side side) {
        if (speaksVersionOne()) {
            // SSH-1 packets have another layout and no KEXINIT: nothing more to read, nothing wrong.
            side.done = true;
            return;
        }
        if (side.filled < 6) {
            return;
        }
        byte[] b = side.buffer;
        long packetLength = ((b[0] & 0xffL) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int padding = b[4] & 0xff;
        if (packetLength < 5 || packetLength > MAX_PACKET || padding + 1 > packetLength) {
            side.done = true;
            anomalies++;
            return;
        }
        if (side.filled < 4 + packetLength) {
            return;
        }
        side.kexInit = KexInit.parse(b, 5, (int) (4 + packetLength - padding));
        if (side.kexInit == null) {
            anomalies++;
        }
        side.done = true;
    }

    /** The client offered only SSH-1 (a server's 1.99 means "either", so the client decides). */
    private boolean speaksVersionOne() {
        return client.banner != null && protocol(client.banner) == 1;
    }

    private static void consume(Side side, int bytes) {
        System.arraycopy(side.buffer, bytes, side.buffer, 0, side.filled - bytes);
        side.filled -= bytes;
    }

    @Override
    public void onEnd(long timestampNanos, EventSink out) {
        if (!written && (client.banner != null || server.banner != null)) {
            write(out);
        }
    }

    private void write(EventSink out) {
        written = true;
        KexInit c = client.kexInit;
        KexInit s = server.kexInit;
        String clientLists = c == null ? null : String.join(";", c.kex(), c.cipherClientToServer(), c.macClientToServer(),
                c.compressionClientToServer());
        String serverLists = s == null ? null : String.join(";", s.kex(), s.cipherServerToClient(), s.macServerToClient(),
                s.compressionServerToClient());
        boolean both = c != null && s != null;
        out.accept(new SshRecord(flow.flowId(), firstNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), version(client.banner, server.banner), client.banner,
                server.banner,
                both ? KexInit.negotiate(c.cipherClientToServer(), s.cipherClientToServer()) : null,
                both ? KexInit.negotiate(c.macClientToServer(), s.macClientToServer()) : null,
                both ? KexInit.negotiate(c.compressionClientToServer(), s.compressionClientToServer()) : null,
                both ? KexInit.negotiate(c.kex(), s.kex()) : null,
                both ? KexInit.negotiate(c.hostKey(), s.hostKey()) : null,
                md5(clientLists), clientLists, md5(serverLists), serverLists));
    }

    /** Zeek's rule: version 2 when both speak 2.0 (1.99 counts as 2), 1 when either is 1.x only. */
    static int version(String client, String server) {
        int c = protocol(client);
        int s = protocol(server);
        if (c == 0 || s == 0) {
            return Math.max(c, s);
        }
        return Math.min(c, s);
    }

    private static int protocol(String banner) {
        if (banner == null) {
            return 0;
        }
        if (banner.startsWith("SSH-2.0") || banner.startsWith("SSH-1.99")) {
            return 2;
        }
        return banner.startsWith("SSH-1.") ? 1 : 0;
    }

    private static String md5(String text) {
        if (text == null) {
            return null;
        }
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    @Override
    public long anomalies() {
        return anomalies;
    }
}
