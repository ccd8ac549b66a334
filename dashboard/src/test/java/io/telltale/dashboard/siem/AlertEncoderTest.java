package io.telltale.dashboard.siem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.event.Alert;
import io.telltale.dashboard.siem.AlertEncoder.Header;
import io.telltale.dashboard.siem.AlertEncoder.Payload;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The encoder's rules without a receiver: the exact RFC 5424 header of siem.md §2.6, messages made
 * to fit a small UDP limit while staying valid, and no line end in a message for a receiver that
 * splits on them.
 */
class AlertEncoderTest {

    static final SensorIdentity SENSOR = new SensorIdentity("sensor-01.example.test", "192.0.2.10", "telltale", "2417",
            "Telltale", "Telltale", "1.4.2", 32473);

    @Test
    void theHeaderIsRfc5424sWithPriMsgidAndStructuredData() {
        Alert a = TestAlerts.numbered(1); // high, beaconing
        String m = new String(new AlertEncoder(SENSOR, Header.RFC5424, Payload.CEF, 20, 8192, false, false).encode(a, 7).bytes(),
                StandardCharsets.UTF_8);
        assertEquals("<163>1 2025-03-14T09:26:54.123456Z sensor-01.example.test telltale 2417 beaconing "
                + "[telltale@32473 id=\"a000000000000001\" severity=\"high\" attack=\"T1071.001,T1041\"][meta sequenceId=\"7\"] "
                + "CEF:0|Telltale|Telltale|1.4.2|beaconing|", m.substring(0, m.indexOf("|Undeclared") + 1),
                "local4.err = 163 for high; microseconds in UTC; the category as MSGID");
    }

    @Test
    void aMessageOverTheLimitIsShortenedAndStaysValid() throws Exception {
        Alert a = TestAlerts.hostile();
        for (Payload p : new Payload[] {Payload.SYSLOG, Payload.CEF, Payload.LEEF}) {
            AlertEncoder.Encoded e = new AlertEncoder(SENSOR, Header.RFC5424, p, 20, 480, false, true).encode(a, 1);
            String m = new String(e.bytes(), StandardCharsets.UTF_8);
            assertTrue(e.bytes().length <= 480, p + ": within RFC 5426's safe 480 octets: " + e.bytes().length);
            assertTrue(e.shortened(), p + " says it was shortened");
            assertTrue(m.contains("id=\"hostile000000001\""), p + " keeps the id: " + m);
            if (p == Payload.CEF) {
                assertEquals("hostile000000001", FormatParsers.cef(m).extension().get("externalId"), "still CEF");
            }
            if (p == Payload.LEEF) {
                assertEquals("hostile000000001", FormatParsers.leef(m).attributes().get("alertId"), "still LEEF");
            }
        }
        AlertEncoder.Encoded json = new AlertEncoder(SENSOR, Header.RFC5424, Payload.OCSF, 20, 2048, false, false).encode(a, 1);
        String m = new String(json.bytes(), StandardCharsets.UTF_8);
        assertEquals("hostile000000001", new ObjectMapper().readTree(m.substring(m.indexOf('{'))).path("finding_info").path("uid").asText(),
                "JSON cut to 2 KiB is still JSON");
    }

    @Test
    void aLineSplittingReceiverGetsNoLineEnd() {
        for (Payload p : Payload.values()) {
            for (Header h : Header.values()) {
                String m = new String(new AlertEncoder(SENSOR, h, p, 20, 8192, true, false).encode(TestAlerts.hostile(), 1).bytes(),
                        StandardCharsets.UTF_8);
                assertFalse(m.contains("\n") || m.contains("\r"), p + "/" + h + ": " + m);
            }
        }
        String sd = new String(new AlertEncoder(SENSOR, Header.RFC5424, Payload.SYSLOG, 20, 8192, true, false)
                .encode(TestAlerts.hostile(), 1).bytes(), StandardCharsets.UTF_8);
        assertTrue(sd.contains("remoteName=\"evil.example#012<13>1"), "a line end is written as rsyslog writes it: " + sd);
        assertTrue(sd.contains("injected\\\" \\] [x=\\\"y\\\"\\]"), "quotes and brackets escaped per RFC 5424 §6.3.3: " + sd);
    }

    /** A capture gap is about the sensor: no device address, and no format may make one up ("null") or break on it. */
    @Test
    void anAlertWithoutADeviceIsValidInEveryFormat() throws Exception {
        java.util.List<Alert> raised = new java.util.ArrayList<>();
        new io.telltale.analysis.detect.sensor.CaptureGaps(raised::add).linkDown("eth1", false, 1_741_944_414_123_456_789L);
        Alert gap = raised.getFirst();
        for (Payload p : Payload.values()) {
            for (Header h : Header.values()) {
                String m = new String(new AlertEncoder(SENSOR, h, p, 20, 8192, false, false).encode(gap, 1).bytes(),
                        StandardCharsets.UTF_8);
                assertFalse(m.contains("null"), p + "/" + h + ": " + m);
                assertTrue(m.contains("capture-gap"), p + "/" + h + ": " + m);
                switch (p) {
                    case CEF -> assertFalse(FormatParsers.cef(m).extension().containsKey("src"), m);
                    case LEEF -> assertFalse(FormatParsers.leef(m).attributes().containsKey("src"), m);
                    case SYSLOG -> assertFalse(m.contains("device="), m);
                    default -> {
                        com.fasterxml.jackson.databind.JsonNode json = new ObjectMapper().readTree(m.substring(m.indexOf('{')));
                        assertFalse(json.has("src_ip") || json.has("source"), p + ": " + m);
                        assertFalse(json.path("evidences").path(0).has("src_endpoint"), p + ": " + m);
                    }
                }
            }
        }
    }
}
