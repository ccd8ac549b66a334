package io.telltale.analysis.dissect.smb;

import io.telltale.analysis.dissect.DissectorSession;
import io.telltale.analysis.dissect.FlowContext;
import io.telltale.analysis.event.EventSink;
import io.telltale.analysis.event.SmbRecord;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SMB connection. Each message's SMB2 header (64 bytes, [MS-SMB2] 2.2.1) names the command;
 * the few we read have their fields at fixed places after it. Compound messages (NextCommand) are
 * followed within the kept prefix. Requests are joined to their replies by MessageId (tree type, file
 * size and times, login outcome), opens to their share by TreeId. Written once, when the connection
 * ends; every table is bounded.
 */
final class SmbSession implements DissectorSession {

    static final int HEADER = 64;
    static final int MAX_NAMES = 64;
    /** Requests awaiting their reply; a client may have many in flight, we follow this many. */
    static final int MAX_PENDING = 64;
    /** Windows FILETIME (100 ns since 1601) of the Unix epoch. */
    static final long FILETIME_EPOCH = 116_444_736_000_000_000L;
    static final long STATUS_MORE_PROCESSING_REQUIRED = 0xC0000016L;
    static final long RELATED_TREE = 0xFFFFFFFFL;
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
    private long nowNanos;
    private final NtlmLogin login = new NtlmLogin();
    /** Tree-connect requests by MessageId, then connected shares by TreeId. */
    private final Map<Long, SmbRecord.Share> pendingTrees = new HashMap<>();
    private final Map<Long, String> treePaths = new HashMap<>();
    private final List<SmbRecord.Share> shares = new ArrayList<>();
    /** Create requests by MessageId, then opens by share and name. */
    private final Map<Long, SmbRecord.FileOpen> pendingOpens = new HashMap<>();
    private final Map<String, SmbRecord.FileOpen> opens = new LinkedHashMap<>();
    private long compoundTree = -1;
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
        nowNanos = timestampNanos;
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
            if (i == 0) {
                compoundTree = -1;
            }
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
            case SESSION_SETUP -> sessionSetup(b, h, body, end, response, status);
            case TREE_CONNECT -> treeConnect(b, h, body, end, response, status);
            case CREATE -> create(b, h, body, end, response, status);
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

    /** The security blob of a request carries the client's AUTHENTICATE, of a reply the CHALLENGE. */
    private void sessionSetup(byte[] b, int h, int body, int end, boolean response, long status) {
        if (!response && body + 16 <= end) {
            int offset = h + u16(b, body + 12);
            login.read(b, offset, Math.min(end, offset + u16(b, body + 14)), nowNanos);
        } else if (response && body + 8 <= end) {
            int offset = h + u16(b, body + 4);
            login.read(b, offset, Math.min(end, offset + u16(b, body + 6)), nowNanos);
            if (status != STATUS_MORE_PROCESSING_REQUIRED) {
                login.outcome(status == 0);
            }
        }
    }

    private void treeConnect(byte[] b, int h, int body, int end, boolean response, long status) {
        long messageId = u64(b, h + 24);
        if (!response && body + 8 <= end) {
            String path = utf16(b, h + u16(b, body + 4), u16(b, body + 6), end);
            if (path != null && pendingTrees.size() < MAX_PENDING) {
                pendingTrees.put(messageId, new SmbRecord.Share(nowNanos, path, null));
            }
        } else if (response) {
            SmbRecord.Share asked = pendingTrees.remove(messageId);
            if (asked == null || status != 0 || body + 3 > end || shares.size() >= MAX_NAMES) {
                return;
            }
            String type = switch (b[body + 2]) {
                case 1 -> "DISK";
                case 2 -> "PIPE";
                case 3 -> "PRINT";
                default -> "UNKNOWN";
            };
            shares.add(new SmbRecord.Share(asked.timestampNanos(), asked.path(), type));
            if (treePaths.size() < MAX_NAMES) {
                treePaths.put(u32(b, h + 36), asked.path());
            }
        }
    }

    private void create(byte[] b, int h, int body, int end, boolean response, long status) {
        long messageId = u64(b, h + 24);
        if (!response && body + 48 <= end) {
            long tree = u32(b, h + 36);
            if (tree == RELATED_TREE && compoundTree >= 0) {
                tree = compoundTree; // a related compound request reuses the tree of the one before
            }
            compoundTree = tree;
            String name = utf16(b, h + u16(b, body + 44), u16(b, body + 46), end);
            if (name != null && !name.isEmpty() && pendingOpens.size() < MAX_PENDING) {
                pendingOpens.put(messageId, new SmbRecord.FileOpen(nowNanos, treePaths.get(tree), name, -1, -1, -1, -1, -1));
            }
        } else if (response && (b[h + 16] & 2) != 0 && status == 0x103) {
            return; // STATUS_PENDING, sent async: the real reply follows with the same MessageId
        } else if (response) {
            SmbRecord.FileOpen asked = pendingOpens.remove(messageId);
            if (asked == null || status != 0) {
                return;
            }
            SmbRecord.FileOpen open = body + 56 <= end
                    ? new SmbRecord.FileOpen(asked.timestampNanos(), asked.share(), asked.name(), u64(b, body + 48),
                            fileTime(b, body + 24), fileTime(b, body + 16), fileTime(b, body + 8), fileTime(b, body + 32))
                    : asked;
            String key = open.share() + "\0" + open.name();
            if (opens.size() < MAX_NAMES) {
                opens.putIfAbsent(key, open);
            }
        }
    }

    private static long fileTime(byte[] b, int at) {
        long ticks = u64(b, at);
        return ticks <= FILETIME_EPOCH ? -1 : (ticks - FILETIME_EPOCH) * 100;
    }

    static String utf16(byte[] b, int at, int length, int end) {
        if (at < 0 || length < 0 || at + length > end || (length & 1) != 0) {
            return null;
        }
        return new String(b, at, length, StandardCharsets.UTF_16LE);
    }


    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8);
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | ((b[at + 1] & 0xffL) << 8) | ((b[at + 2] & 0xffL) << 16) | ((b[at + 3] & 0xffL) << 24);
    }

    static long u64(byte[] b, int at) {
        return u32(b, at) | (u32(b, at + 4) << 32);
    }

    @Override
    public void onEnd(long timestampNanos, EventSink out) {
        if (messages == 0) {
            return;
        }
        out.accept(new SmbRecord(flow.flowId(), firstNanos, flow.originatorHost(), flow.originatorPort(),
                flow.responderHost(), flow.responderPort(), dialect, login.record(), shares, List.copyOf(opens.values()),
                written, read, messages, encrypted));
    }

    @Override
    public long anomalies() {
        return anomalies;
    }
}
