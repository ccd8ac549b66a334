package io.telltale.analysis.dissect.ssh;

import io.telltale.analysis.dissect.ProtocolSpec;
import io.telltale.analysis.field.FieldSpec;
import io.telltale.analysis.field.FieldType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Set;

/** SSH, recognised by its identification banner on any port. */
public final class SshProtocol {

    public static final FieldSpec CLIENT = new FieldSpec("ssh.client", FieldType.TEXT, "the client's identification banner");
    public static final FieldSpec SERVER = new FieldSpec("ssh.server", FieldType.TEXT, "the server's identification banner");
    public static final FieldSpec HASSH = new FieldSpec("ssh.hassh", FieldType.TEXT, "HASSH of the client's key-exchange offer");
    public static final FieldSpec HASSH_SERVER = new FieldSpec("ssh.hassh_server", FieldType.TEXT, "HASSH of the server's offer");
    public static final FieldSpec CIPHER = new FieldSpec("ssh.cipher_alg", FieldType.TEXT, "negotiated cipher, client to server");
    public static final FieldSpec KEX = new FieldSpec("ssh.kex_alg", FieldType.TEXT, "negotiated key exchange");

    public static final ProtocolSpec SPEC = new ProtocolSpec("ssh", "ssh", true, false, true, Set.of(22, 2222),
            SshProtocol::startsWithBanner, List.of(CLIENT, SERVER, HASSH, HASSH_SERVER, CIPHER, KEX), () -> SshSession::new);

    private SshProtocol() {
    }

    /** The first bytes of either side read {@code SSH-} followed by a digit. */
    static boolean startsWithBanner(MemorySegment data, long offset, int length, boolean stream, boolean fromOriginator) {
        return stream && length >= 5 && data.get(ValueLayout.JAVA_BYTE, offset) == 'S'
                && data.get(ValueLayout.JAVA_BYTE, offset + 1) == 'S' && data.get(ValueLayout.JAVA_BYTE, offset + 2) == 'H'
                && data.get(ValueLayout.JAVA_BYTE, offset + 3) == '-'
                && Character.isDigit(data.get(ValueLayout.JAVA_BYTE, offset + 4));
    }
}
