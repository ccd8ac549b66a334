package io.telltale.analysis.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An alert's stable id from the parts that make it the same alert: the same key always gives the same
 * id, so a SIEM that sees an alert twice (a restart, a replayed spool) can tell.
 */
public final class AlertIds {

    /** One digest per thread, reset by each use: getInstance per alert cost more than the hashing. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private AlertIds() {
    }

    /** {@code TT-} and the first 64 bits of the key's SHA-256, in hex. */
    public static String of(String key) {
        byte[] h = SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8));
        return "TT-" + HexFormat.of().formatHex(h, 0, 8);
    }
}
