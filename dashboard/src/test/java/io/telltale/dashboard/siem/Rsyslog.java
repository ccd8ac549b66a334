package io.telltale.dashboard.siem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real rsyslogd (Debian's package, installed by .ci/run) on free loopback ports: UDP and TCP
 * (both framings, detected per frame) on one port, TLS with mutual authentication ({@code x509/name},
 * permitting only {@code sensor-01.example.test}) on another, each message written as one JSON line
 * with rsyslog's own RFC 5424 parse and its structured data parsed by {@code mmpstrucdata}.
 */
public final class Rsyslog implements AutoCloseable {

    static final String RSYSLOGD = "/usr/sbin/rsyslogd";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    public final TestPki pki;
    public final int port;
    public final int tlsPort;
    private Process process;

    public Rsyslog(Path dir, TestPki pki) throws IOException {
        if (!Files.isExecutable(Path.of(RSYSLOGD))) {
            throw new IllegalStateException(RSYSLOGD + " is missing: install Debian's rsyslog and rsyslog-gnutls (.ci/run does)");
        }
        this.dir = dir;
        this.pki = pki;
        this.port = Loopback.freePort();
        this.tlsPort = Loopback.freePort();
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(dir.resolve("rsyslog.conf"), config());
    }

    private String config() {
        return """
                global(workDirectory="%1$s/work" maxMessageSize="64k" net.enableDNS="off"
                       parser.escapeControlCharactersOnReceive="off"
                       DefaultNetstreamDriverCAFile="%2$s" DefaultNetstreamDriverCertFile="%3$s"
                       DefaultNetstreamDriverKeyFile="%4$s")
                module(load="imudp")
                module(load="imtcp" maxSessions="50")
                module(load="mmpstrucdata")
                template(name="t_json" type="string" string="%%$!%%\\n")
                template(name="t_ts" type="string" string="%%timereported:::date-rfc3339%%")
                ruleset(name="collect") {
                  action(type="mmpstrucdata" sd_name.lowercase="off")
                  set $!input = $inputname;
                  set $!pri = $pri;
                  set $!host = $hostname;
                  set $!app = $app-name;
                  set $!procid = $procid;
                  set $!msgid = $msgid;
                  set $!sd = $structured-data;
                  set $!msg = $msg;
                  set $!raw = $rawmsg;
                  set $!ts = exec_template("t_ts");
                  action(type="omfile" file="%1$s/out.jsonl" template="t_json")
                }
                input(type="imudp" address="127.0.0.1" port="%5$d" name="udp" ruleset="collect")
                input(type="imtcp" address="127.0.0.1" port="%5$d" name="tcp" ruleset="collect" supportOctetCountedFraming="on")
                input(type="imtcp" address="127.0.0.1" port="%6$d" name="tls" ruleset="collect"
                      streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="x509/name"
                      permittedPeer=["sensor-01.example.test"])
                """.formatted(dir, pki.ca, pki.serverCert, pki.serverKey, port, tlsPort);
    }

    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(RSYSLOGD, "-n", "-f", dir.resolve("rsyslog.conf").toString(),
                "-i", dir.resolve("work/rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rsyslogd.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rsyslogd exited: " + Files.readString(dir.resolve("rsyslogd.log")));
            }
            if (Loopback.accepts(port) && Loopback.accepts(tlsPort)) {
                if (log().contains("error during parsing")) {
                    throw new IllegalStateException("rsyslogd did not take its configuration: " + log());
                }
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("rsyslogd did not listen within 20 s: " + Files.readString(dir.resolve("rsyslogd.log")));
    }

    /** SIGKILL: no flush, no goodbye, as a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(100);
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /**
     * Every message received so far, as rsyslog parsed it: the complete lines only, as rsyslog may be
     * writing the last one while it is read (a burst of 2,000 alerts made that a parse error).
     */
    public List<JsonNode> messages() throws IOException {
        Path out = dir.resolve("out.jsonl");
        List<JsonNode> list = new ArrayList<>();
        if (!Files.exists(out)) {
            return list;
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        for (String line : complete.split("\n")) {
            if (!line.isBlank()) {
                list.add(JSON.readTree(line));
            }
        }
        return list;
    }

    public List<JsonNode> waitFor(int count, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<JsonNode> got = messages();
        while (got.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            got = messages();
        }
        return got;
    }

    public String log() throws IOException {
        Path log = dir.resolve("rsyslogd.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
