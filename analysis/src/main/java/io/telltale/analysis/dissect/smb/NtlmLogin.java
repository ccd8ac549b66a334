package io.telltale.analysis.dissect.smb;

import io.telltale.analysis.event.SmbRecord;

/**
 * What an NTLM exchange ([MS-NLMP] 2.2.1) tells about a login, found in a security blob however SPNEGO
 * wraps it: the server's names from the CHALLENGE's target info, the client's domain, user and
 * workstation from the AUTHENTICATE (UTF-16LE, as every modern client negotiates). The challenge
 * responses — the crackable part — are never kept.
 */
final class NtlmLogin {

    private static final int CHALLENGE = 2;
    private static final int AUTHENTICATE = 3;
    /** AV pair ids ([MS-NLMP] 2.2.2.1). */
    private static final int AV_EOL = 0;
    private static final int AV_NB_COMPUTER = 1;
    private static final int AV_DNS_COMPUTER = 3;
    private static final int AV_DNS_TREE = 5;
    private static final int MAX_AV_PAIRS = 32;

    private long timestampNanos = -1;
    private String user;
    private String domain;
    private String workstation;
    private String serverNetbios;
    private String serverDns;
    private String serverTree;
    private Boolean succeeded;
    private boolean authenticated;

    /** Reads the NTLMSSP message in {@code b[from, to)}, if there is one. */
    void read(byte[] b, int from, int to, long nowNanos) {
        for (int i = Math.max(0, from); i + 12 <= to; i++) {
            if (b[i] == 'N' && b[i + 1] == 'T' && b[i + 2] == 'L' && b[i + 3] == 'M' && b[i + 4] == 'S' && b[i + 5] == 'S'
                    && b[i + 6] == 'P' && b[i + 7] == 0) {
                long type = SmbSession.u32(b, i + 8);
                if (type == CHALLENGE && i + 48 <= to) {
                    targetInfo(b, i + (int) SmbSession.u32(b, i + 44), SmbSession.u16(b, i + 40), to);
                } else if (type == AUTHENTICATE && i + 52 <= to) {
                    domain = field(b, i, i + 28, to);
                    user = field(b, i, i + 36, to);
                    workstation = field(b, i, i + 44, to);
                    timestampNanos = nowNanos;
                    authenticated = true;
                }
                return;
            }
        }
    }

    /** The server's verdict on the session setup that carried the AUTHENTICATE. */
    void outcome(boolean success) {
        if (authenticated && succeeded == null) {
            succeeded = success;
        }
    }

    private void targetInfo(byte[] b, int at, int length, int to) {
        int end = Math.min(to, at + length);
        for (int pair = 0; pair < MAX_AV_PAIRS && at >= 0 && at + 4 <= end; pair++) {
            int id = SmbSession.u16(b, at);
            int len = SmbSession.u16(b, at + 2);
            if (id == AV_EOL) {
                return;
            }
            String value = SmbSession.utf16(b, at + 4, len, end);
            switch (id) {
                case AV_NB_COMPUTER -> serverNetbios = value;
                case AV_DNS_COMPUTER -> serverDns = value;
                case AV_DNS_TREE -> serverTree = value;
                default -> {
                    // timestamps, flags and channel bindings say nothing about who is who
                }
            }
            at += 4 + len;
        }
    }

    /** An NTLMSSP security buffer: length, max length, offset from the message start; empty is absent. */
    private static String field(byte[] b, int message, int at, int to) {
        String value = SmbSession.utf16(b, message + (int) SmbSession.u32(b, at + 4), SmbSession.u16(b, at), to);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The login, or null when no NTLM message was seen. */
    SmbRecord.Login record() {
        if (!authenticated && serverNetbios == null && serverDns == null) {
            return null;
        }
        return new SmbRecord.Login(timestampNanos, user, domain, workstation, serverNetbios, serverDns, serverTree,
                succeeded);
    }
}
