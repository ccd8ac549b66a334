package io.telltale.analysis.dissect.smb;

import io.telltale.analysis.dissect.Lists;
import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.SmbRecord;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One SMB connection. Each message's SMB2 header (64 bytes, [MS-SMB2] 2.2.1) names the command;
 * the few we read have their fields at fixed places after it. Compound messages (NextCommand) are
 * followed within the kept prefix. Written once, when the connection ends.
 */
final class SmbSession implements DissectorSession {

    static final int HEADER = 64;
    static final int MAX_NAMES = 64;
    static final int NEGOTIATE = 0;
    static final int SESSION_SETUP = 1;
    static final int TREE_CONNECT = 3;
    static final int CREATE = 5;
    static final int READ = 8;
    static final int WRITE = 9;

    private final FlowContext flow;
    private final FrameReader client = new FrameReader((b, n, full) -> message(b, n, full, true));
    private final FrameReader server = new FrameReader((b, n, full) -> message(b, n, full, false));
    private long firstNanos = -1;
    private int dialect = -1;
    private String user;
    private String domain;
    private String workstation;
    private final List<String> trees = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private long written;
    private long read;
    private long messages;
    private boolean encrypted;
    private long anomalies;
    private boolean clientLost;
    private boolean serverLost;

    SmbSession(FlowContext flow) {
        this.flow = flow;
    }

    @Override
    public void onPayload(long timestampNanos, boolean fromOriginator, MemorySegment data, long offset, int length,
                          boolean stream, EventSink out) {
        if (firstNanos < 0) {
            firstNanos = timestampNanos;
        }
        if (fromOriginator ? !clientLost : !serverLost) {
            (fromOriginator ? client : server).feed(data, offset, length);
        }
    }

    @Override
    public void onGap(boolean fromOriginator, long length) {
        anomalies++;
        if (fromOriginator) {
            clientLost = true;
        } else {
            serverLost = true;
        }
    }

    private void message(byte[] b, int n, long full, boolean fromClient) {
        if (n < 4) {
            anomalies++;
            return;
        }
        if ((b[0] & 0xff) == 0xfd && b[1] == 'S' && b[2] == 'M' && b[3] == 'B') {
            encrypted = true; // SMB3 transform header: the rest is ciphertext
            messages++;
            return;
        }
        if ((b[0] & 0xff) != 0xfe || b[1] != 'S' || b[2] != 'M' || b[3] != 'B') {
            if ((b[0] & 0xff) != 0xff) {
                anomalies++; // neither SMB2 nor the SMB1 negotiate that may open a connection
            }
            return;
        }
        int at = 0;
        for (int i = 0; i < 16 && at + HEADER <= n; i++) {
            messages++;
            int command = u16(b, at + 12);
            boolean response = (b[at + 16] & 1) != 0;
            long status = u32(b, at + 8);
            int next = (int) u32(b, at + 20);
            int end = next > 0 ? Math.min(n, at + next) : n;
            command(b, at, end, command, response, status, full, fromClient);
            if (next <= 0 || at + next >= n) {
                break;
            }
            at += next;
        }
    }

    private void command(byte[] b, int h, int end, int command, boolean response, long status, long full, boolean fromClient) {
        int body = h + HEADER;
        switch (command) {
            case NEGOTIATE -> {
                if (response && body + 6 <= end) {
                    dialect = u16(b, body + 4);
                }
            }
            case SESSION_SETUP -> {
                if (!response && body + 16 <= end) {
                    int offset = h + u16(b, body + 12);
                    int length = u16(b, body + 14);
                    ntlmAuthenticate(b, offset, Math.min(end, offset + length));
                }
            }
            case TREE_CONNECT -> {
                if (!response && body + 8 <= end) {
                    Lists.addOnce(trees, utf16(b, h + u16(b, body + 4), u16(b, body + 6), end), MAX_NAMES);
                }
            }
            case CREATE -> {
                if (!response && body + 48 <= end) {
                    String name = utf16(b, h + u16(b, body + 44), u16(b, body + 46), end);
                    if (name != null && !name.isEmpty()) {
                        Lists.addOnce(files, name, MAX_NAMES);
                    }
                }
            }
            case WRITE -> {
                if (!response && body + 8 <= end) {
                    written += u32(b, body + 4);
                }
            }
            case READ -> {
                if (response && status == 0 && body + 8 <= end) {
                    read += u32(b, body + 4);
                }
            }
            default -> {
                // other commands are counted in messages only
            }
        }
    }

    /**
     * Finds the NTLMSSP AUTHENTICATE message ([MS-NLMP] 2.2.1.3) in a security blob, however SPNEGO
     * wraps it, and reads the domain, user and workstation (UTF-16LE when negotiated, as every modern
     * client does). The challenge responses are not kept.
     */
    private void ntlmAuthenticate(byte[] b, int from, int to) {
        for (int i = Math.max(0, from); i + 12 <= to; i++) {
            if (b[i] == 'N' && b[i + 1] == 'T' && b[i + 2] == 'L' && b[i + 3] == 'M' && b[i + 4] == 'S' && b[i + 5] == 'S'
                    && b[i + 6] == 'P' && b[i + 7] == 0) {
                if (u32(b, i + 8) != 3 || i + 52 > to) {
                    return; // NEGOTIATE or CHALLENGE: no identity in them
                }
                domain = field(b, i, i + 28, to);
                user = field(b, i, i + 36, to);
                workstation = field(b, i, i + 44, to);
                return;
            }
        }
    }

    /** An NTLMSSP security buffer: length, max length, offset from the message start. */
    private static String field(byte[] b, int message, int at, int to) {
        return utf16(b, message + (int) u32(b, at + 4), u16(b, at), to);
    }

    private static String utf16(byte[] b, int at, int length, int end) {
        if (at < 0 || length < 0 || at + length > end || (length & 1) != 0) {
            return null;
        }
        return new String(b, at, length, StandardCharsets.UTF_16LE);
    }


    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8);
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | ((b[at + 1] & 0xffL) << 8) | ((b[at + 2] & 0xffL) << 16) | ((b[at + 3] & 0xffL) << 24);
    }

    @Override
    public void onEnd(long timestampNanos, EventSink out) {
        if (messages == 0) {
            return;
        }
        out.accept(new SmbRecord(flow.flowId(), firstNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), dialect, user, domain, workstation, trees, files, written,
                read, messages, encrypted));
    }

    @Override
    public long anomalies() {
        return anomalies;
    }
}
