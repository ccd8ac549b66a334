package io.telltale.analysis.event;

import java.util.List;

/**
 * One SMB2/3 connection: the negotiated dialect (0x0311 for 3.1.1), the NTLM identity that logged in
 * and whether the server accepted it, the names the server gave of itself in its challenge, the shares
 * (tree paths) connected, the files opened (at most 64, each once per share), and the bytes written
 * and read. {@code encrypted} is set once a transform header was seen: from then on nothing is
 * readable, as intended.
 */
public record SmbRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        int dialect,
        Login login,
        List<Share> shares,
        List<FileOpen> opens,
        long bytesWritten,
        long bytesRead,
        long messages,
        boolean encrypted) implements ProtocolRecord {

    public SmbRecord {
        shares = List.copyOf(shares);
        opens = List.copyOf(opens);
    }

    /**
     * An NTLM login ([MS-NLMP]): user, domain and workstation from the client's AUTHENTICATE, the
     * server's NetBIOS and DNS names and DNS tree from its CHALLENGE, and {@code succeeded} from the
     * session-setup reply (null when no reply was seen). Any part may be null.
     */
    public record Login(long timestampNanos, String user, String domain, String workstation,
                        String serverNetbiosName, String serverDnsName, String serverTreeName, Boolean succeeded) {
    }

    /** A tree connected: its UNC path and, from the reply, DISK, PIPE or PRINT (null when unanswered). */
    public record Share(long timestampNanos, String path, String shareType) {
    }

    /**
     * A file or directory opened: the share it is on (null when the tree was not seen connecting), the
     * name within it, and from the reply its size and times (nanoseconds since 1970; -1 when unanswered).
     */
    public record FileOpen(long timestampNanos, String share, String name, long size, long modifiedNanos,
                           long accessedNanos, long createdNanos, long changedNanos) {
    }

    public String user() {
        return login == null ? null : login.user();
    }

    public String domain() {
        return login == null ? null : login.domain();
    }

    /** The UNC paths of the shares connected, in order. */
    public List<String> trees() {
        return shares.stream().map(Share::path).toList();
    }

    /** The names opened, each once, in order. */
    public List<String> files() {
        return opens.stream().map(FileOpen::name).distinct().toList();
    }
}
