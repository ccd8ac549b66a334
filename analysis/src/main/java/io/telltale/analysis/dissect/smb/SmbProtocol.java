package io.telltale.analysis.dissect.smb;

import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Set;

/**
 * SMB over TCP, recognised by a Direct TCP transport frame ([MS-SMB2] 2.1: a zero byte and a 24-bit
 * length) holding an SMB2 ({@code 0xFE 'SMB'}) or SMB1 ({@code 0xFF 'SMB'}) header. The four-byte
 * magic makes a match trustworthy on a connection picked up mid-stream too (Zeek's smb3 trace starts
 * so).
 */
public final class SmbProtocol {

    public static final FieldSpec USER = new FieldSpec("smb.user", FieldType.TEXT, "the NTLM user that logged in");
    public static final FieldSpec DOMAIN = new FieldSpec("smb.domain", FieldType.TEXT, "the NTLM domain");
    public static final FieldSpec TREES = new FieldSpec("smb.trees", FieldType.TEXT_LIST, "shares connected");
    public static final FieldSpec FILES = new FieldSpec("smb.files", FieldType.TEXT_LIST, "file names opened");
    public static final FieldSpec WRITTEN = new FieldSpec("smb.bytes_written", FieldType.COUNT, "bytes written to the server");

    public static final ProtocolSpec SPEC = new ProtocolSpec("smb", "smb", true, false, true, Set.of(445, 139),
            SmbProtocol::looksLikeSmb, List.of(USER, DOMAIN, TREES, FILES, WRITTEN), () -> SmbSession::new);

    private SmbProtocol() {
    }

    static boolean looksLikeSmb(MemorySegment d, long o, int n, boolean stream, boolean fromOriginator) {
        if (!stream || n < 8 || d.get(ValueLayout.JAVA_BYTE, o) != 0) {
            return false;
        }
        int marker = d.get(ValueLayout.JAVA_BYTE, o + 4) & 0xff;
        return (marker == 0xfe || marker == 0xff) && d.get(ValueLayout.JAVA_BYTE, o + 5) == 'S'
                && d.get(ValueLayout.JAVA_BYTE, o + 6) == 'M' && d.get(ValueLayout.JAVA_BYTE, o + 7) == 'B';
    }
}
