package io.telltale.analysis.dissect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hellos cut short anywhere are refused (null), at once: found looping for ever by the fuzzer. */
class HelloTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aHelloCutShortAnywhereIsRefusedAtOnce() {
        byte[] hello = new byte[2 + 32 + 1 + 2 + 4 + 1 + 1];
        hello[0] = 3;
        hello[1] = 3;
        hello[35] = 0;
        hello[36] = 4; // four bytes of cipher suites
        hello[41] = 1; // one compression method
        assertThat(Hello.client(hello, 0, hello.length)).isNotNull();
        for (int cut = 0; cut < hello.length - 1; cut++) {
            assertThat(Hello.client(hello, 0, cut)).as("cut at %d", cut).isNull();
        }
    }
}
