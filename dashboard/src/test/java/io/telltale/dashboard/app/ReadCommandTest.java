package io.telltale.dashboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.testdata.Recordings;
import io.telltale.testdata.ReferenceCorpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code telltale read} end to end on real captures: files written, summary, exit codes. */
class ReadCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = TelltaleCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String reference(String name) {
        return ReferenceCorpus.load().capture(name).path().toString();
    }

    @Test
    void writesConnLogAsZeekDoes(@TempDir Path dir) throws IOException {
        Run run = run("read", reference("zeek__wikipedia.pcap"), "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("136 packets").contains("flows       34 written to").contains("anomalies   0");
        List<String> lines = Files.readAllLines(dir.resolve("conn.log"));
        assertThat(lines.get(0)).isEqualTo("#separator \\x09");
        assertThat(lines).filteredOn(l -> l.startsWith("#fields")).singleElement().asString()
                .startsWith("#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes"
                        + "\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes"
                        + "\tresp_pkts\tresp_ip_bytes\ttunnel_parents\tip_proto");
        assertThat(lines.getLast()).startsWith("#close\t");
        List<String[]> rows = lines.stream().filter(l -> !l.startsWith("#")).map(l -> l.split("\t", -1)).toList();
        assertThat(rows).hasSize(34);
        String[] http = rows.stream().filter(r -> r[3].equals("35642")).findFirst().orElseThrow();
        // Zeek's row: 141.142.220.118 35642 208.80.152.2 80 tcp http 0.120041 534 412 S1 F F 0 ShADad 4 750 3 576 - 6
        assertThat(Arrays.asList(http).subList(2, 22)).containsExactly("141.142.220.118", "35642", "208.80.152.2", "80",
                "tcp", "http", "0.120041", "534", "412", "S1", "F", "F", "0", "ShADad", "4", "750", "3", "576", "-", "6");
    }

    @Test
    void dicomAssociationsGoToDicomLogAndThePasscodeToNoFile(@TempDir Path dir) throws IOException {
        String capture = Recordings.path("dicom-associations.pcap").toString();
        Run run = run("read", capture, "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("dicom       4 associations");
        List<String[]> rows = Files.readAllLines(dir.resolve("dicom.log")).stream().filter(l -> !l.startsWith("#"))
                .map(l -> l.split("\t", -1)).toList();
        assertThat(rows).extracting(r -> r[5] + " " + r[6] + " " + r[8] + " " + r[12] + " " + r[14] + " " + r[24])
                .containsExactly("11112 XR_LANE1 accepted F Verification F",
                        "11112 XR_LANE1 accepted T DICOS CT Image Storage T",
                        "443 XR_LANE2 accepted T DICOS CT Image Storage F",
                        "4242 XR_LANE1 rejected F Verification F");
        assertThat(run("read", capture, "--out", dir.resolve("json").toString(), "--format", "jsonl").exitCode()).isZero();
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("S3cret");
            }
        }
    }

    @Test
    void ntpLogMatchesZeeksRowForRow(@TempDir Path dir) throws IOException {
        var capture = ReferenceCorpus.load().capture("zeek__ntp_ntp.pcap");
        assertThat(run("read", capture.path().toString(), "--out", dir.toString()).exitCode()).isZero();
        List<String> fields = List.of("id.orig_h", "id.resp_h", "version", "mode", "stratum", "poll", "precision",
                "root_delay", "root_disp", "ref_id", "ref_time", "org_time", "rec_time", "xmt_time", "num_exts");
        List<String> lines = Files.readAllLines(dir.resolve("ntp.log"));
        List<String> header = Arrays.asList(lines.stream().filter(l -> l.startsWith("#fields")).findFirst().orElseThrow()
                .split("\t")).subList(1, 21);
        List<String> ours = lines.stream().filter(l -> !l.startsWith("#")).map(l -> {
            String[] f = l.split("\t", -1);
            return String.join("|", fields.stream().map(name -> f[header.indexOf(name)]).toList());
        }).sorted().toList();
        List<String> zeek = new java.util.ArrayList<>();
        capture.expectations("zeek").stream().filter(b -> b.path("baseline_path").asText().endsWith("/ntp.log"))
                .forEach(b -> b.path("rows").forEach(row -> zeek.add(String.join("|",
                        fields.stream().map(name -> row.path(name).asText()).toList()))));
        assertThat(ours).hasSize(32).isEqualTo(zeek.stream().sorted().toList());
    }

    @Test
    void payloadStatsDescribeAPingInsideAGreTunnel(@TempDir Path dir) throws IOException {
        assertThat(run("read", "--payload-stats", reference("zeek__tunnels_gre-sample.pcap"), "--out", dir.toString())
                .exitCode()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("conn.log"));
        List<String> header = Arrays.asList(lines.stream().filter(l -> l.startsWith("#fields")).findFirst().orElseThrow()
                .substring("#fields\t".length()).split("\t"));
        assertThat(header).endsWith("orig_entropy", "resp_entropy", "orig_size_mean", "orig_size_sd", "resp_size_mean",
                "resp_size_sd", "orig_iat_mean", "orig_iat_sd", "resp_iat_mean", "resp_iat_sd");
        String[] ping = lines.stream().filter(l -> l.startsWith("#") == false && l.contains("\t66.59.111.190\t8\t"))
                .findFirst().orElseThrow().split("\t", -1);
        // Four echo requests and four replies of 56 bytes each, about a second apart.
        assertThat(ping[header.indexOf("orig_size_mean")]).isEqualTo("56.000000");
        assertThat(ping[header.indexOf("orig_size_sd")]).isEqualTo("0.000000");
        assertThat(ping[header.indexOf("resp_size_mean")]).isEqualTo("56.000000");
        assertThat(Double.parseDouble(ping[header.indexOf("orig_iat_mean")])).isBetween(0.99, 1.01);
        assertThat(ping[header.indexOf("orig_entropy")]).isEqualTo(ping[header.indexOf("resp_entropy")]); // echoed bytes
        assertThat(run("read", reference("zeek__tunnels_gre-sample.pcap"), "--out", dir.resolve("plain").toString())
                .exitCode()).isZero();
        assertThat(Files.readAllLines(dir.resolve("plain").resolve("conn.log")).stream()
                .filter(l -> l.startsWith("#fields")).findFirst().orElseThrow()).endsWith("inner_vlan");
    }

    @Test
    void sslLogNamesVersionCipherAndCurveAsZeekDoes(@TempDir Path dir) throws IOException {
        int rows = 0;
        for (var capture : ReferenceCorpus.load().captures()) {
            for (var block : capture.expectations("zeek")) {
                if (!block.path("baseline_path").asText().endsWith("/ssl.log")) {
                    continue;
                }
                Path out = dir.resolve(capture.fileName());
                assertThat(run("read", capture.path().toString(), "--out", out.toString()).exitCode()).isZero();
                List<String> lines = Files.readAllLines(out.resolve("ssl.log"));
                List<String> header = Arrays.asList(lines.stream().filter(l -> l.startsWith("#fields")).findFirst()
                        .orElseThrow().substring("#fields\t".length()).split("\t"));
                for (var row : block.path("rows")) {
                    rows++;
                    String[] ours = lines.stream().filter(l -> !l.startsWith("#")).map(l -> l.split("\t", -1))
                            .filter(f -> f[header.indexOf("id.orig_h")].equals(row.path("id.orig_h").asText())
                                    && f[header.indexOf("id.orig_p")].equals(row.path("id.orig_p").asText()))
                            .findFirst().orElseThrow();
                    for (String field : List.of("version", "cipher", "curve", "server_name")) {
                        assertThat(ours[header.indexOf(field)]).as(capture.fileName() + " " + field)
                                .isEqualTo(row.path(field).asText());
                    }
                }
            }
        }
        assertThat(rows).isEqualTo(3);
    }

    @Test
    void smbLogsNameWhoWroteWhatWhereAndNeverThePassword(@TempDir Path dir) throws IOException {
        Run run = run("read", Recordings.path("smb-image-upload.pcap").toString(), "--out", dir.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("smb         1 connection");
        assertThat(rows(dir.resolve("smb.log"))).singleElement().asString().contains("\t3.1.1\t")
                .contains("\t20000\t20000\t");
        assertThat(rows(dir.resolve("ntlm.log"))).singleElement().asString()
                .endsWith("\txray\tVM\tAIRPORT\tIMAGESTORE\tvm\t-\tT");
        assertThat(rows(dir.resolve("smb_mapping.log"))).extracting(r -> r.substring(r.indexOf("\t445\t") + 5))
                .containsExactly("\\\\\\\\10.79.0.2\\\\IPC$\t-\t-\tPIPE", "\\\\\\\\10.79.0.2\\\\images\t-\t-\tDISK");
        assertThat(rows(dir.resolve("smb_files.log"))).anySatisfy(r -> assertThat(r)
                .contains("\tSMB::FILE_OPEN\t\\\\\\\\10.79.0.2\\\\images\tlane1\\\\BAG-0042.dcs\t"));
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("Scan3r");
            }
        }
    }

    /** Zeek's smb_mapping.log for its smb3 trace, every column but ts and uid. */
    @Test
    void smbMappingAgreesWithZeek(@TempDir Path dir) throws IOException {
        int rows = 0;
        for (var capture : ReferenceCorpus.load().captures()) {
            for (var block : capture.expectations("zeek")) {
                if (!block.path("baseline_path").asText().endsWith("/smb_mapping.log")) {
                    continue;
                }
                Path out = dir.resolve(capture.fileName());
                assertThat(run("read", capture.path().toString(), "--out", out.toString()).exitCode()).isZero();
                List<String> ours = rows(out.resolve("smb_mapping.log")).stream()
                        .map(r -> r.substring(r.indexOf('\t', r.indexOf('\t') + 1) + 1)).toList();
                List<String> zeek = new java.util.ArrayList<>();
                for (var row : block.path("rows")) {
                    rows++;
                    zeek.add(String.join("\t", row.path("id.orig_h").asText(), row.path("id.orig_p").asText(),
                            row.path("id.resp_h").asText(), row.path("id.resp_p").asText(), row.path("path").asText(),
                            row.path("service").asText(), row.path("native_file_system").asText(),
                            row.path("share_type").asText()));
                }
                assertThat(ours).as(capture.fileName()).isEqualTo(zeek);
            }
        }
        assertThat(rows).isEqualTo(2);
    }

    static List<String> rows(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void aTruncatedFrameIsAWeirdOfNoFlow(@TempDir Path dir) throws IOException {
        // Zeek's core.raw-truncation baseline: one weird, every id unset (Zeek names it truncated_ethernet_frame).
        assertThat(run("read", reference("zeek__trunc_trunc-hdr.pcap"), "--out", dir.toString()).exitCode()).isZero();
        List<String[]> rows = Files.readAllLines(dir.resolve("weird.log")).stream().filter(l -> !l.startsWith("#"))
                .map(l -> l.split("\t", -1)).toList();
        assertThat(rows).singleElement().satisfies(r -> assertThat(Arrays.asList(r).subList(1, 11)).containsExactly(
                "-", "-", "-", "-", "-", "truncated_link_header", "-", "F", "telltale", "decode"));
    }

    @Test
    void jsonLinesCarryZeeksFieldNames(@TempDir Path dir) throws IOException {
        Run run = run("read", reference("zeek__tunnels_gre-sample.pcap"), "--out", dir.toString(), "--format", "jsonl");
        assertThat(run.exitCode()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("conn.jsonl"));
        assertThat(lines).hasSize(7);
        ObjectMapper json = new ObjectMapper();
        JsonNode ssh = null;
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            if (node.path("id.resp_p").asInt() == 22) {
                ssh = node;
            }
        }
        assertThat(ssh).isNotNull();
        assertThat(ssh.path("conn_state").asText()).isEqualTo("SF");
        assertThat(ssh.path("history").asText()).isEqualTo("ShAdDaFf");
        assertThat(ssh.path("orig_pkts").asLong()).isEqualTo(12);
        assertThat(ssh.path("local_resp").isBoolean()).isTrue();
        assertThat(ssh.path("tunnel_parents").isArray()).isTrue();
        assertThat(ssh.path("ts").isNumber()).isTrue();
        assertThat(ssh.path("service").asText()).isEqualTo("ssh");
        assertThat(ssh.has("vlan")).as("unset fields are left out").isFalse();
        List<String> sshLog = Files.readAllLines(dir.resolve("ssh.jsonl"));
        assertThat(sshLog).hasSize(1);
        JsonNode session = json.readTree(sshLog.getFirst());
        assertThat(session.path("uid").asText()).as("joined to conn by uid").isEqualTo(ssh.path("uid").asText());
        assertThat(session.path("hassh").asText()).isEqualTo("5ef6678a6b060094834599ca16581b05"); // Arkime's value
        List<String> dnsLog = Files.readAllLines(dir.resolve("dns.jsonl"));
        assertThat(dnsLog).hasSize(2);
        assertThat(json.readTree(dnsLog.getFirst()).path("query").asText()).isEqualTo("www.gleeble.org");
    }

    @Test
    void damagedInputKeepsWhatCameBeforeAndExitsWithOne(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(Path.of(reference("zeek__ssh_ssh.pcap")));
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        Run run = run("read", cut.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_DAMAGED);
        assertThat(run.out()).containsPattern("damaged     .*cut.pcap: byte \\d+ \\(packet \\d+\\): truncated");
        long rows = Files.readAllLines(dir.resolve("out/conn.log")).stream().filter(l -> !l.startsWith("#")).count();
        assertThat(rows).isPositive();
    }

    @Test
    void missingFileIsReportedNotThrown(@TempDir Path dir) {
        Run run = run("read", dir.resolve("nope.pcap").toString(), "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_DAMAGED);
        assertThat(run.out()).contains("nope.pcap").contains("cannot read file");
    }

    @Test
    void usageErrorsAndHelp(@TempDir Path dir) {
        Run missingOut = run("read", reference("zeek__wikipedia.pcap"));
        assertThat(missingOut.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingOut.err()).contains("Missing required option: '--out=DIR'");
        Run badNet = run("read", reference("zeek__wikipedia.pcap"), "--out", dir.toString(), "--local-nets", "10.0.0.0/99");
        assertThat(badNet.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badNet.err()).contains("prefix length out of range in 10.0.0.0/99");
        Run help = run("read", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: telltale read").contains("--format=FORMAT").contains("Exit codes:");
        Run version = run("--version");
        assertThat(version.out()).startsWith("telltale ");
    }

    @Test
    void localNetworksDecideLocalOrig(@TempDir Path dir) throws IOException {
        run("read", reference("zeek__wikipedia.pcap"), "--out", dir.toString(), "--local-nets", "141.142.0.0/16");
        String row = Files.readAllLines(dir.resolve("conn.log")).stream().filter(l -> l.contains("\t35642\t")).findFirst().orElseThrow();
        assertThat(row.split("\t")[12]).isEqualTo("T");
        assertThat(row.split("\t")[13]).isEqualTo("F");
    }
}
