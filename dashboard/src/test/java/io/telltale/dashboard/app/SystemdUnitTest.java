package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit in the repo: systemd's own checker finds nothing wrong with it (pointed at this
 * checkout's launcher), and it grants no capability but the two capture needs, runs as its own
 * user, keeps the system read-only, and counts a SIGTERM stop as a success.
 */
class SystemdUnitTest {

    static final Path UNIT = Path.of("../packaging/systemd/telltale.service");

    @Test
    void systemdAcceptsTheUnitAndItIsHardened(@TempDir Path dir) throws Exception {
        String unit = Files.readString(UNIT);
        Path launcher = Path.of("../telltale").toAbsolutePath().normalize();
        Path copy = dir.resolve("telltale.service");
        Files.writeString(copy, unit.replace("/opt/telltale/telltale", launcher.toString()));
        Process verify = new ProcessBuilder("systemd-analyze", "verify", "--man=no", copy.toString()).redirectErrorStream(true).start();
        String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor()).as(said).isZero();
        assertThat(said.lines().filter(l -> !l.isBlank()).toList()).as("systemd-analyze verify says nothing").isEmpty();
        List<String> lines = unit.lines().map(String::strip).toList();
        assertThat(lines).contains("User=telltale", "CapabilityBoundingSet=CAP_NET_RAW CAP_NET_ADMIN",
                "AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes",
                "PrivateTmp=yes", "SuccessExitStatus=143", "ExecStart=/opt/telltale/telltale run --config /etc/telltale/telltale.yaml");
        assertThat(lines).noneMatch(l -> l.startsWith("CapabilityBoundingSet=") && l.contains("CAP_SYS_ADMIN"));
    }
}
