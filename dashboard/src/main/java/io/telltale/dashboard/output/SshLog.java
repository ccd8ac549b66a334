package io.telltale.dashboard.output;

import io.telltale.analysis.event.SshRecord;
import java.util.List;

/**
 * Zeek's ssh.log with the columns the HASSH package adds ({@code hassh}, {@code hasshServer},
 * {@code hasshAlgorithms}, {@code hasshServerAlgorithms}). What a passive observer cannot know
 * without more analysis (authentication outcome, host key fingerprint) is unset.
 */
final class SshLog {

    static final List<LogColumn<SshRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.count("version", r -> r.version() == 0 ? -1 : r.version()),
            new LogColumn<>("auth_success", "bool", r -> null),
            LogColumn.count("auth_attempts", r -> -1),
            new LogColumn<>("direction", "enum", r -> null),
            LogColumn.text("client", SshRecord::client),
            LogColumn.text("server", SshRecord::server),
            LogColumn.text("cipher_alg", SshRecord::cipherAlgorithm),
            LogColumn.text("mac_alg", SshRecord::macAlgorithm),
            LogColumn.text("compression_alg", SshRecord::compressionAlgorithm),
            LogColumn.text("kex_alg", SshRecord::kexAlgorithm),
            LogColumn.text("host_key_alg", SshRecord::hostKeyAlgorithm),
            LogColumn.text("host_key_fingerprint", r -> null),
            LogColumn.text("hassh", SshRecord::hassh),
            LogColumn.text("hasshServer", SshRecord::hasshServer),
            LogColumn.text("hasshAlgorithms", SshRecord::hasshAlgorithms),
            LogColumn.text("hasshServerAlgorithms", SshRecord::hasshServerAlgorithms));

    private SshLog() {
    }
}
