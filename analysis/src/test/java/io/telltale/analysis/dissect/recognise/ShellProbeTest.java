package io.telltale.analysis.dissect.recognise;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shell probe: what shells say first, and what it must not take for one. */
class ShellProbeTest {

    static boolean shell(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return Recognisers.shell(MemorySegment.ofArray(b), 0, b.length, true, true);
    }

    @Test
    void shellsAreTakenAndOtherTextIsNot() {
        assertThat(shell("Microsoft Windows [Version 10.0.19045.3693]\r\n(c) Microsoft Corporation.")).isTrue();
        assertThat(shell("uid=0(root) gid=0(root) groups=0(root)\n")).isTrue(); // socat recording's first answer
        assertThat(shell("C:\\Windows\\system32>")).isTrue();
        assertThat(shell("PS C:\\Users\\operator> ")).isTrue();
        assertThat(shell("GET / HTTP/1.1\r\n")).isFalse();
        assertThat(shell("uid is fine")).isFalse();
        assertThat(shell("SSH-2.0-OpenSSH_9.2\r\n")).isFalse();
    }
}
