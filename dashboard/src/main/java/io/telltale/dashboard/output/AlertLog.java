package io.telltale.dashboard.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telltale.analysis.event.Alert;
import io.telltale.capture.flow.FlowIds;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * alerts.jsonl: one JSON object per alert, as issue 6 lists its fields: id, ts (seconds, as Zeek
 * writes times), severity, category, title, why, device and remote (address and name), detector,
 * attack, flow_uids (joined to conn.log), score where one applies. The file is created on the first
 * alert, so a clean read leaves none.
 */
final class AlertLog implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private BufferedWriter out;
    private long written;

    AlertLog(Path file) {
        this.file = file;
    }

    /** Creates the file now (before a capture gives up the rights to create files in the directory). */
    void open() throws IOException {
        if (out == null) {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
    }

    void write(Alert a) throws IOException {
        open();
        ObjectNode o = JSON.createObjectNode();
        o.put("id", a.id());
        o.put("ts", new java.math.BigDecimal(ZeekText.seconds(a.timestampNanos()))); // as Zeek prints times, not 1.77E9
        o.put("severity", a.severity());
        o.put("category", a.category());
        o.put("title", a.title());
        o.put("why", a.why());
        ObjectNode device = o.putObject("device");
        device.put("address", a.deviceAddress());
        if (a.deviceName() != null) {
            device.put("name", a.deviceName());
        }
        if (a.remoteAddress() != null) {
            ObjectNode remote = o.putObject("remote");
            remote.put("address", a.remoteAddress());
            if (a.remoteName() != null) {
                remote.put("name", a.remoteName());
            }
            if (a.remoteCountry() != null) {
                remote.put("country", a.remoteCountry());
            }
            if (a.remoteAsn() >= 0) {
                remote.put("asn", a.remoteAsn());
                remote.put("as_org", a.remoteOrganisation());
            }
        } else {
            o.putNull("remote"); // about the device alone
        }
        o.put("detector", a.detector());
        a.attack().forEach(o.putArray("attack")::add);
        var uids = o.putArray("flow_uids");
        a.flowIds().forEach(id -> uids.add(FlowIds.uid(id)));
        if (a.score() >= 0) {
            o.put("score", a.score());
        }
        out.write(JSON.writeValueAsString(o));
        out.write('\n');
        written++;
    }

    long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
