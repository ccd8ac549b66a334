package io.telltale.analysis.dissect.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.telltale.analysis.dissect.BuiltInProtocols;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.event.SshRecord;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.file.CaptureFiles;
import io.telltale.testdata.ReferenceCapture;
import io.telltale.testdata.ReferenceCorpus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SSH against the peers: banners and negotiated algorithms against Zeek's ssh.log rows, HASSH and
 * HASSH-server against Arkime's sessions and Suricata's eve checks (the bar: every asserted value
 * equal), and the service of every flow Zeek calls ssh.
 */
class SshAgreementTest {

    static List<MonitorEvent> events(ReferenceCapture capture) {
        return AnalysedCapture.events(capture.path(), FlowConfig.DEFAULTS);
    }

    static String unset(String value) {
        return value == null ? "-" : value;
    }

    @Test
    void sshAgreesWithZeekArkimeAndSuricata() {
        int zeekRows = 0;
        int zeekEqual = 0;
        int hashes = 0;
        int hashesEqual = 0;
        int services = 0;
        int servicesEqual = 0;
        List<String> report = new ArrayList<>();
        for (ReferenceCapture capture : ReferenceCorpus.load().captures()) {
            List<MonitorEvent> events = null;
            for (JsonNode block : capture.expectations("zeek")) {
                String path = block.path("baseline_path").asText();
                if (!path.endsWith("/ssh.log") && !(path.contains("conn") && block.path("rows").size() > 0
                        && block.path("rows").get(0).has("service"))) {
                    continue;
                }
                events = events == null ? events(capture) : events;
                for (JsonNode row : block.path("rows")) {
                    if (path.endsWith("/ssh.log")) {
                        zeekRows++;
                        String expected = String.join("|", row.path("version").asText(), row.path("client").asText(),
                                row.path("server").asText(), row.path("cipher_alg").asText(), row.path("mac_alg").asText(),
                                row.path("compression_alg").asText(), row.path("kex_alg").asText(),
                                row.path("host_key_alg").asText());
                        SshRecord ours = find(events, row.path("id.orig_h").asText(), row.path("id.orig_p").asInt());
                        String actual = ours == null ? "none" : String.join("|", ours.version() == 0 ? "-" : "" + ours.version(),
                                unset(ours.client()), unset(ours.server()), unset(ours.cipherAlgorithm()),
                                unset(ours.macAlgorithm()), unset(ours.compressionAlgorithm()), unset(ours.kexAlgorithm()),
                                unset(ours.hostKeyAlgorithm()));
                        if (expected.equals(actual)) {
                            zeekEqual++;
                        } else {
                            report.add("    zeek " + expected + "\n    ours " + actual);
                        }
                    } else if (row.path("service").asText().contains("ssh")) {
                        services++;
                        String host = row.path("id.orig_h").asText();
                        int port = row.path("id.orig_p").asInt();
                        boolean named = events.stream().anyMatch(e -> e instanceof FlowEvent f
                                && f.flow().originatorHost().equals(host) && f.flow().originatorPort() == port
                                && f.flow().service() != null && f.flow().service().contains("ssh"));
                        servicesEqual += named ? 1 : 0;
                        if (!named) {
                            report.add("    not named ssh: " + host + ":" + port);
                        }
                    }
                }
            }
            List<String[]> asserted = new ArrayList<>();
            for (JsonNode block : capture.expectations("arkime")) {
                for (JsonNode s : block.path("sessions")) {
                    s.path("ssh").path("hassh").forEach(h -> asserted.add(new String[] {"hassh", h.asText()}));
                    s.path("ssh").path("hasshServer").forEach(h -> asserted.add(new String[] {"hasshServer", h.asText()}));
                }
            }
            for (JsonNode block : capture.expectations("suricata_verify")) {
                if (!block.path("test_path").asText().endsWith("tests/ssh-hassh")) {
                    continue; // the -disabled and -lua variants assert other things
                }
                for (JsonNode check : block.path("checks")) {
                    JsonNode m = check.path("filter").path("match");
                    if (m.has("ssh.client.hassh.hash")) {
                        asserted.add(new String[] {"hassh", m.path("ssh.client.hassh.hash").asText()});
                    }
                    if (m.has("ssh.server.hassh.hash")) {
                        asserted.add(new String[] {"hasshServer", m.path("ssh.server.hassh.hash").asText()});
                    }
                }
            }
            if (!asserted.isEmpty()) {
                events = events == null ? events(capture) : events;
                for (String[] a : asserted) {
                    hashes++;
                    boolean found = events.stream().anyMatch(e -> e instanceof SshRecord r
                            && a[1].equals(a[0].equals("hassh") ? r.hassh() : r.hasshServer()));
                    hashesEqual += found ? 1 : 0;
                    if (!found) {
                        report.add("    " + capture.fileName() + " " + a[0] + " " + a[1] + " not found");
                    }
                }
            }
        }
        report.forEach(System.out::println);
        System.out.printf("ssh.log rows %d of %d equal; HASSH values %d of %d equal; ssh services %d of %d%n", zeekEqual,
                zeekRows, hashesEqual, hashes, servicesEqual, services);
        assertThat(hashes).isGreaterThanOrEqualTo(4);
        assertThat(hashesEqual).isEqualTo(hashes);
        assertThat(zeekRows).isGreaterThanOrEqualTo(20);
        assertThat((double) zeekEqual / zeekRows).isGreaterThanOrEqualTo(0.9);
        assertThat(servicesEqual).isEqualTo(services);
    }

    private static SshRecord find(List<MonitorEvent> events, String host, int port) {
        for (MonitorEvent e : events) {
            if (e instanceof SshRecord r && r.originatorHost().equals(host) && r.originatorPort() == port) {
                return r;
            }
        }
        return null;
    }
}
