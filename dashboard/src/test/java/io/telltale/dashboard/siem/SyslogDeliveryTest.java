package io.telltale.dashboard.siem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telltale.analysis.event.Alert;
import io.telltale.dashboard.siem.AlertEncoder.Payload;
import io.telltale.dashboard.siem.SyslogDestination.Framing;
import io.telltale.dashboard.siem.SyslogDestination.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts into a real rsyslog over every transport and in every format: each arrives once, parsed
 * by rsyslog's own RFC 5424 and structured-data parsers into the fields we sent, CEF and LEEF
 * re-parse into the same fields, and a hostile SNI survives byte for byte without starting a
 * second message. Each destination gets its own facility so the test can tell them apart.
 */
class SyslogDeliveryTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static Rsyslog rsyslog;
    static final ObjectMapper JSON = new ObjectMapper();
    static final SensorIdentity SENSOR = SensorIdentity.local().withHostname("sensor-01.example.test").withAddress("192.0.2.10");

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki(dir.resolve("pki"));
        rsyslog = new Rsyslog(dir.resolve("rsyslog"), pki);
        rsyslog.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    @Test
    void everyTransportAndFormatArrivesParsedAndWhole() throws Exception {
        SyslogDestination.TlsSettings mutual = new SyslogDestination.TlsSettings(pki.ca, pki.clientCert, pki.clientKey, null, null);
        List<SyslogDestination> destinations = List.of(
                SyslogDestination.of("udp-syslog", Transport.UDP, "127.0.0.1", rsyslog.port, Payload.SYSLOG).withFacility(16),
                SyslogDestination.of("tcp-cef", Transport.TCP, "127.0.0.1", rsyslog.port, Payload.CEF).withFacility(17),
                SyslogDestination.of("tcp-lf-leef", Transport.TCP, "127.0.0.1", rsyslog.port, Payload.LEEF)
                        .withFraming(Framing.LF).withFacility(18),
                SyslogDestination.of("tls-eve", Transport.TLS, "127.0.0.1", rsyslog.tlsPort, Payload.EVE)
                        .withTls(mutual).withFacility(19),
                SyslogDestination.of("tcp-3164-cef", Transport.TCP, "127.0.0.1", rsyslog.port, Payload.CEF)
                        .withFraming(Framing.LF).withHeader(AlertEncoder.Header.RFC3164).withFacility(20),
                SyslogDestination.of("tls-lf-ecs", Transport.TLS, "localhost", rsyslog.tlsPort, Payload.ECS)
                        .withTls(mutual).withFraming(Framing.LF).withFacility(21),
                SyslogDestination.of("tcp-syslog", Transport.TCP, "127.0.0.1", rsyslog.port, Payload.SYSLOG).withFacility(22));
        List<Alert> alerts = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            alerts.add(TestAlerts.numbered(n));
        }
        alerts.add(TestAlerts.hostile());
        List<String> log = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SiemSink sink = new SiemSink(destinations, SENSOR, dir.resolve("spool"), Duration.ofSeconds(30), registry, log::add)) {
            for (Alert a : alerts) {
                sink.accept(a);
            }
            sink.endOfBatch();
        }
        List<JsonNode> got = rsyslog.waitFor(destinations.size() * alerts.size(), 20);
        Map<Integer, List<JsonNode>> byFacility = new TreeMap<>();
        for (JsonNode m : got) {
            byFacility.computeIfAbsent(Integer.parseInt(m.path("pri").asText()) / 8, f -> new ArrayList<>()).add(m);
        }
        for (SyslogDestination d : destinations) {
            assertEquals(alerts.size(), byFacility.getOrDefault(d.facility(), List.of()).size(),
                    d.name() + ": every alert once, none split or injected; log " + log + "; rsyslog " + rsyslog.log());
            assertEquals(alerts.size(), registry.get("telltale.siem.events.sent").tag("destination", d.name()).counter().count(),
                    d.name() + " counts what it delivered");
        }
        Alert hostile = alerts.getLast();
        checkRfc5424(byFacility.get(16), alerts, "udp");
        checkRfc5424(byFacility.get(17), alerts, "tcp");
        checkRfc5424(byFacility.get(19), alerts, "tls");
        checkRfc5424(byFacility.get(22), alerts, "tcp");

        JsonNode syslog = byId(byFacility.get(22), hostile.id());
        JsonNode sd = syslog.path("rfc5424-sd").path("telltale@32473");
        assertEquals(TestAlerts.HOSTILE, sd.path("remoteName").asText(), "an escaped SD value round-trips through mmpstrucdata");
        assertEquals("SNI " + TestAlerts.HOSTILE, sd.path("why").asText());
        assertEquals(hostile.title(), syslog.path("msg").asText().replace("\uFEFF", ""), "MSG is the title, after the BOM");
        assertEquals("10.1.2.3", sd.path("src").asText());
        assertEquals("40000", sd.path("srcPort").asText());

        for (JsonNode m : byFacility.get(17)) {
            FormatParsers.Cef cef = FormatParsers.cef(m.path("msg").asText());
            Alert a = alerts.stream().filter(x -> x.id().equals(cef.extension().get("externalId"))).findFirst().orElseThrow();
            assertEquals(List.of("CEF:0", "Telltale", "Telltale", SENSOR.version()), cef.header().subList(0, 4));
            assertEquals(a.why(), cef.extension().get("msg"), "CEF msg re-parses whole");
            assertEquals(a.connection().originatorAddress(), cef.extension().get("src"));
            assertEquals(Integer.toString(a.connection().responderPort()), cef.extension().get("dpt"));
            assertEquals("TCP", cef.extension().get("proto"));
            assertEquals(Long.toString(a.timestampNanos() / 1_000_000), cef.extension().get("rt"));
            assertEquals(a.remoteName(), cef.extension().get("dhost"), "a hostile name survives CEF's escaping");
            if (a == hostile) {
                assertEquals("signature:1:2027865", cef.header().get(4));
                assertEquals(a.title().replace('\n', ' '), cef.header().get(5), "a header field cannot hold a line end");
                assertEquals("8", cef.header().get(6));
                assertEquals("0.75", cef.extension().get("cfp1"));
            }
        }
        for (JsonNode m : byFacility.get(18)) {
            FormatParsers.Leef leef = FormatParsers.leef(m.path("msg").asText());
            Alert a = alerts.stream().filter(x -> x.id().equals(leef.attributes().get("alertId"))).findFirst().orElseThrow();
            assertEquals(a.why(), leef.attributes().get("msg"), "LEEF attributes decode whole");
            assertEquals(a.remoteName(), leef.attributes().get("remoteName"));
            assertEquals(a.connection().responderAddress(), leef.attributes().get("dst"));
            assertEquals(Integer.toString(SeverityScale.leef(a.severity())), leef.attributes().get("sev"));
        }
        for (JsonNode m : byFacility.get(19)) {
            JsonNode eve = JSON.readTree(m.path("msg").asText());
            Alert a = alerts.stream().filter(x -> x.id().equals(eve.path("telltale").path("id").asText())).findFirst().orElseThrow();
            assertEquals("alert", eve.path("event_type").asText());
            assertEquals(a.why(), eve.path("telltale").path("why").asText());
            assertEquals(a.connection().originatorPort(), eve.path("src_port").asInt());
        }
        assertEquals(2_027_865, JSON.readTree(byId(byFacility.get(19), hostile.id()).path("msg").asText())
                .path("alert").path("signature_id").asLong(), "a rule's alert keeps its sid in EVE");
        for (JsonNode m : byFacility.get(20)) {
            String msg = m.path("raw").asText(); // rsyslog reads "CEF:" as the 3164 TAG, as ArcSight's shape expects
            assertTrue(msg.matches("<\\d+>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d sensor-01 CEF:0\\|.*"), msg);
            assertTrue(m.path("host").asText().equals("sensor-01"), "RFC 3164 names the short host: " + m);
            FormatParsers.Cef cef = FormatParsers.cef(msg);
            assertTrue(cef.extension().get("externalId").length() == 16);
            assertTrue(!msg.contains("\n"), "nothing of a 3164 message is on a second line");
        }
        for (JsonNode m : byFacility.get(21)) {
            JsonNode ecs = JSON.readTree(m.path("msg").asText());
            Alert a = alerts.stream().filter(x -> x.id().equals(ecs.path("event").path("id").asText())).findFirst().orElseThrow();
            assertEquals(a.why(), ecs.path("event").path("reason").asText(), "ECS over LF framing: whole, on one line");
            assertEquals(a.severity(), byId(byFacility.get(21), a.id()).path("rfc5424-sd").path("telltale@32473").path("severity").asText());
        }
    }

    @Test
    void aRefusedCertificateOrAWrongServerDeliversNothingAndKeepsEverything() throws Exception {
        SyslogDestination intruder = SyslogDestination.of("intruder", Transport.TLS, "127.0.0.1", rsyslog.tlsPort, Payload.SYSLOG)
                .withTls(new SyslogDestination.TlsSettings(pki.ca, pki.intruderCert, pki.intruderKey, null, null)).withFacility(1);
        SyslogDestination impostor = SyslogDestination.of("impostor", Transport.TLS, "127.0.0.1", rsyslog.tlsPort, Payload.SYSLOG)
                .withTls(new SyslogDestination.TlsSettings(pki.ca, pki.clientCert, pki.clientKey, "siem.example.net", null))
                .withFacility(2);
        List<String> log = new CopyOnWriteArrayList<>();
        Path spool = dir.resolve("refused-spool");
        try (SiemSink sink = new SiemSink(List.of(intruder, impostor), SENSOR, spool, Duration.ofSeconds(4),
                new SimpleMeterRegistry(), log::add)) {
            for (int n = 1; n <= 3; n++) {
                sink.accept(TestAlerts.numbered(n));
            }
            sink.endOfBatch();
            Thread.sleep(3000);
        }
        for (JsonNode m : rsyslog.messages()) {
            int facility = Integer.parseInt(m.path("pri").asText()) / 8;
            assertTrue(facility != 1 && facility != 2, "nothing was accepted from a refused peer: " + m);
        }
        assertTrue(log.stream().anyMatch(l -> l.startsWith("siem intruder: ") && l.contains("client certificate")),
                "TLS 1.3 finishes the handshake before the receiver refuses us; the log says what it means: " + log);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("siem impostor: TLS handshake") && l.contains("failed")),
                "a server without the configured name is refused by us: " + log);
        try (DiskSpool kept = DiskSpool.open(spool.resolve("intruder"), 256L << 20, x -> { })) {
            assertEquals(3, kept.pendingEntries(), "what was not delivered stays for the next start");
        }
    }

    @Test
    void aPinnedFingerprintStandsInForTheNameAndAWrongPinIsRefused() throws Exception {
        java.security.cert.X509Certificate server;
        try (var in = java.nio.file.Files.newInputStream(pki.serverCert)) {
            server = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String pin = "sha-256:" + java.util.HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(server.getEncoded()));
        String wrong = pin.substring(0, pin.length() - 2) + (pin.endsWith("00") ? "01" : "00");
        SyslogDestination pinned = SyslogDestination.of("pinned", Transport.TLS, "127.0.0.1", rsyslog.tlsPort, Payload.SYSLOG)
                .withTls(new SyslogDestination.TlsSettings(null, pki.clientCert, pki.clientKey, "not-the-name.example", pin))
                .withFacility(7);
        SyslogDestination mispinned = SyslogDestination.of("mispinned", Transport.TLS, "127.0.0.1", rsyslog.tlsPort, Payload.SYSLOG)
                .withTls(new SyslogDestination.TlsSettings(null, pki.clientCert, pki.clientKey, null, wrong)).withFacility(8);
        List<String> log = new CopyOnWriteArrayList<>();
        int before = rsyslog.messages().size();
        try (SiemSink sink = new SiemSink(List.of(pinned, mispinned), SENSOR, dir.resolve("pin-spool"), Duration.ofSeconds(5),
                new SimpleMeterRegistry(), log::add)) {
            sink.accept(TestAlerts.numbered(1));
            sink.endOfBatch();
        }
        List<JsonNode> got = rsyslog.waitFor(before + 1, 10);
        List<Integer> facilities = got.subList(before, got.size()).stream().map(m -> Integer.parseInt(m.path("pri").asText()) / 8).toList();
        assertEquals(List.of(7), facilities, "the pinned server is trusted without its name; the wrong pin is not: " + log);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("siem mispinned: TLS handshake")), log.toString());
    }

    @Test
    void eachDestinationFiltersLimitsAndFitsItsOwnWay() throws Exception {
        // alerts 1..40: severities cycle medium, high, critical, low, info; categories cycle likewise; one a second
        List<Alert> alerts = new ArrayList<>();
        for (int n = 1; n <= 40; n++) {
            alerts.add(TestAlerts.numbered(n));
        }
        List<SyslogDestination> destinations = List.of(
                SyslogDestination.of("high-only", Transport.TCP, "127.0.0.1", rsyslog.port, Payload.SYSLOG)
                        .withFilter("high", java.util.Set.of()).withFacility(3),
                SyslogDestination.of("beacons", Transport.TCP, "127.0.0.1", rsyslog.port, Payload.SYSLOG)
                        .withFilter("info", java.util.Set.of("beaconing", "dns-tunnel")).withFacility(4),
                // one alert per 4 s of packet time, two at once: of 40 alerts a second apart, 2 + 39/4 pass
                SyslogDestination.of("limited", Transport.TCP, "127.0.0.1", rsyslog.port, Payload.SYSLOG)
                        .withRate(0.25, 2).withFacility(5),
                SyslogDestination.of("small-udp", Transport.UDP, "127.0.0.1", rsyslog.port, Payload.SYSLOG)
                        .withMaxMessageBytes(480).withFacility(6));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<String> log = new CopyOnWriteArrayList<>();
        int before = rsyslog.messages().size();
        try (SiemSink sink = new SiemSink(destinations, SENSOR, dir.resolve("filter-spool"), Duration.ofSeconds(20), registry, log::add)) {
            for (Alert a : alerts) {
                sink.accept(a);
            }
            sink.accept(TestAlerts.hostile());
            sink.endOfBatch();
        }
        int expected = 16 + 17 + 11 + 41;
        List<JsonNode> got = rsyslog.waitFor(before + expected, 20);
        Map<Integer, List<JsonNode>> byFacility = new TreeMap<>();
        for (JsonNode m : got.subList(before, got.size())) {
            byFacility.computeIfAbsent(Integer.parseInt(m.path("pri").asText()) / 8, f -> new ArrayList<>()).add(m);
        }
        assertEquals(16 + 1, byFacility.get(3).size(), "high and critical only (8 + 8 of 40, and the hostile high)");
        assertTrue(byFacility.get(3).stream().allMatch(m -> List.of("high", "critical")
                .contains(m.path("rfc5424-sd").path("telltale@32473").path("severity").asText())));
        assertEquals(16, byFacility.get(4).size(), "the two categories only");
        assertEquals(11, byFacility.get(5).size(), "the rate limit: a burst of 2, then one per 4 s of packet time");
        assertEquals(30.0, registry.get("telltale.siem.events.dropped").tag("destination", "limited").tag("reason", "rate_limited")
                .counter().count(), "what the limit kept back is counted");
        assertTrue(log.stream().anyMatch(l -> l.contains("over the rate limit")), log.toString());
        assertEquals(41, byFacility.get(6).size());
        for (JsonNode m : byFacility.get(6)) {
            assertTrue(m.path("raw").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 480,
                    "every datagram within 480 octets: " + m.path("raw").asText());
            assertTrue(!m.path("rfc5424-sd").path("telltale@32473").path("id").asText().isEmpty(),
                    "a shortened message still parses, with its id: " + m);
        }
        assertTrue(registry.get("telltale.siem.events.shortened").tag("destination", "small-udp").counter().count() >= 1);
    }

    private static void checkRfc5424(List<JsonNode> messages, List<Alert> alerts, String input) {
        List<Long> sequence = new ArrayList<>();
        for (JsonNode m : messages) {
            assertEquals(input, m.path("input").asText());
            JsonNode sd = m.path("rfc5424-sd").path("telltale@32473");
            Alert a = alerts.stream().filter(x -> x.id().equals(sd.path("id").asText())).findFirst().orElseThrow();
            assertEquals(a.category(), m.path("msgid").asText(), "MSGID is the category");
            assertEquals(a.severity(), sd.path("severity").asText());
            assertEquals(String.join(",", a.attack()), sd.path("attack").asText());
            assertEquals("sensor-01.example.test", m.path("host").asText());
            assertEquals("telltale", m.path("app").asText());
            assertEquals(SeverityScale.syslog(a.severity()), Integer.parseInt(m.path("pri").asText()) % 8);
            sequence.add(m.path("rfc5424-sd").path("meta").path("sequenceId").asLong());
        }
        if (!input.equals("udp")) {
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= alerts.size(); i++) {
                expected.add(i);
            }
            assertEquals(expected, sequence, "a stream keeps the order, numbered from 1");
        }
    }

    private static JsonNode byId(List<JsonNode> messages, String id) {
        return messages.stream().filter(m -> id.equals(m.path("rfc5424-sd").path("telltale@32473").path("id").asText())
                || m.path("msg").asText().contains(id)).findFirst().orElseThrow(() -> new AssertionError("no message for " + id));
    }
}
