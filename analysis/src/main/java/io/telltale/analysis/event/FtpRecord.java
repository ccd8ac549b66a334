package io.telltale.analysis.event;

import java.util.List;

/**
 * One FTP control connection: who logged in (a password is noted, never kept), the commands used, and
 * the files stored and retrieved, each at most 64 and each once.
 */
public record FtpRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        String user,
        boolean passwordSent,
        List<String> commands,
        List<String> stored,
        List<String> retrieved) implements ProtocolRecord {

    public FtpRecord {
        commands = List.copyOf(commands);
        stored = List.copyOf(stored);
        retrieved = List.copyOf(retrieved);
    }
}
