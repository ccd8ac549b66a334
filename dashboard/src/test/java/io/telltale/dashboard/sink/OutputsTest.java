package io.telltale.dashboard.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telltale.dashboard.siem.AlertEncoder;
import io.telltale.dashboard.siem.SyslogDestination;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The outputs file: the documented example reads as documented; each mistake is named with its line and column. */
class OutputsTest {

    @Test
    void theExampleFileReadsAsItsCommentsSay() throws Exception {
        Outputs o = Outputs.load(Path.of("../examples/outputs.yaml"));
        SyslogDestination soc = o.syslog().getFirst();
        assertThat(soc.transport()).isEqualTo(SyslogDestination.Transport.TLS);
        assertThat(soc.port()).isEqualTo(6514);
        assertThat(soc.payload()).isEqualTo(AlertEncoder.Payload.CEF);
        assertThat(soc.facility()).isEqualTo(20);
        assertThat(soc.minSeverity()).isEqualTo("low");
        assertThat(soc.spoolQuotaBytes()).isEqualTo(256L << 20);
        assertThat(soc.confirmAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(soc.tls().serverName()).isEqualTo("siem.example.net");
        assertThat(o.sensor().hostname()).isEqualTo("sensor-01.example.test");
        assertThat(o.sensor().enterpriseNumber()).isEqualTo(32473);
    }

    @Test
    void mistakesAreNamedWhereTheyAre() {
        assertThatThrownBy(() -> Outputs.parse(Path.of("o.yaml"), """
                syslog:
                  - name: soc
                    host: siem
                    format: cef
                    facility: local9
                """)).hasMessageStartingWith("o.yaml:5:15: ").hasMessageContaining("facility is local0-local7");
        assertThatThrownBy(() -> Outputs.parse(Path.of("o.yaml"), """
                syslog:
                  - {name: soc, host: siem, transport: udp, format: ecs, max_message_bytes: 480}
                """)).hasMessageContaining("480 is below 2048");
        assertThatThrownBy(() -> Outputs.parse(Path.of("o.yaml"), """
                syslog:
                  - {name: soc, host: siem, framing: crlf}
                """)).hasMessageStartingWith("o.yaml:2:").hasMessageContaining("framing is one of [octet-counting, lf], not \"crlf\"");
        assertThatThrownBy(() -> Outputs.parse(Path.of("o.yaml"), """
                jsonl:
                  - {name: f, path: x.jsonl, records: [flows, packets]}
                """)).hasMessageStartingWith("o.yaml:2:").hasMessageContaining("not \"packets\"");
        assertThatThrownBy(() -> Outputs.parse(Path.of("o.yaml"), """
                syslog:
                  - {name: soc, host: siem}
                colour: blue
                """)).hasMessageStartingWith("o.yaml:").hasMessageContaining("Unrecognized field \"colour\"");
        assertThatThrownBy(() -> Outputs.parse(Path.of("o.yaml"), """
                kafka:
                  - {name: k, bootstrap_servers: "k:9092", topics: {alerts: a}, properties: {acks: "1"}}
                """)).hasMessageContaining("acks is Telltale's to set");
        assertThatThrownBy(() -> Outputs.parse(Path.of("o.yaml"), "sensor: {hostname: x}\n"))
                .hasMessageContaining("names no output");
    }
}
