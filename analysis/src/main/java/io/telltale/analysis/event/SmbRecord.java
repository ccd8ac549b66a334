package io.telltale.analysis.event;

import java.util.List;

/**
 * One SMB2/3 connection: the negotiated dialect (0x0311 for 3.1.1), the NTLM identity that logged in,
 * the shares (tree paths) connected, the file names opened (at most 64, each once), and the bytes
 * written and read. {@code encrypted} is set once a transform header was seen: from then on nothing is
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
        String user,
        String domain,
        String workstation,
        List<String> trees,
        List<String> files,
        long bytesWritten,
        long bytesRead,
        long messages,
        boolean encrypted) implements ProtocolRecord {

    public SmbRecord {
        trees = List.copyOf(trees);
        files = List.copyOf(files);
    }
}
