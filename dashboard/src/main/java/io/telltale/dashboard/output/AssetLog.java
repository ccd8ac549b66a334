package io.telltale.dashboard.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telltale.analysis.asset.Asset;
import io.telltale.analysis.event.AssetChange;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The asset inventory on disk: {@code asset-changes.jsonl} as changes happen (one object per new
 * device, new MAC, new service or new host name), and {@code assets.jsonl}, one object per device,
 * written whole when the input ends. Times as Zeek prints them (seconds with six decimals).
 */
public final class AssetLog implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path changesFile;
    private BufferedWriter changes;
    private long written;

    AssetLog(Path changesFile) {
        this.changesFile = changesFile;
    }

    /** Creates the file now (before a capture gives up the rights to create files in the directory). */
    void open() throws IOException {
        if (changes == null) {
            changes = Files.newBufferedWriter(changesFile, StandardCharsets.UTF_8);
        }
    }

    void write(AssetChange c) throws IOException {
        open();
        changes.write(JSON.writeValueAsString(json(c)));
        changes.write('\n');
        written++;
    }

    /** One change as asset-changes.jsonl writes it. */
    static ObjectNode json(AssetChange c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ts", new BigDecimal(ZeekText.seconds(c.timestampNanos())));
        o.put("change", c.kind());
        o.put("address", c.address());
        if (c.before() != null) {
            o.put("before", c.before());
        }
        o.put("after", c.after());
        return o;
    }

    long written() {
        return written;
    }

    /**
     * assets.jsonl opened now and written later: a capture opens it while it may still create files,
     * and writes the inventory when it stops.
     */
    public static final class InventoryFile implements Closeable {
        private final java.nio.channels.FileChannel channel;

        private InventoryFile(java.nio.channels.FileChannel channel) {
            this.channel = channel;
        }

        public static InventoryFile open(Path file) throws IOException {
            return new InventoryFile(java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING));
        }

        /** Replaces the file's content with the inventory. */
        public void write(List<Asset> assets) throws IOException {
            StringBuilder text = new StringBuilder();
            for (Asset a : assets) {
                text.append(JSON.writeValueAsString(json(a))).append('\n');
            }
            java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
            channel.truncate(0);
            channel.position(0);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Writes the inventory to {@code file}, replacing what was there. */
    public static void writeInventory(Path file, List<Asset> assets) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Asset a : assets) {
                out.write(JSON.writeValueAsString(json(a)));
                out.write('\n');
            }
        }
    }

    static ObjectNode json(Asset a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("address", a.address());
        if (!a.otherAddresses().isEmpty()) {
            a.otherAddresses().forEach(o.putArray("other_addresses")::add);
        }
        putIf(o, "mac", a.mac());
        putIf(o, "vendor", a.vendor());
        putIf(o, "host_name", a.hostName());
        putIf(o, "vendor_class", a.vendorClass());
        if (!a.dhcpParameters().isEmpty()) {
            a.dhcpParameters().forEach(o.putArray("dhcp_parameters")::add);
            o.put("dhcp_fingerprint", String.join(",", a.dhcpParameters().stream().map(String::valueOf).toList()));
        }
        a.groups().forEach(o.putArray("groups")::add);
        a.aeTitles().forEach(o.putArray("ae_titles")::add);
        a.services().forEach(o.putArray("services")::add);
        o.put("first_seen", new BigDecimal(ZeekText.seconds(a.firstSeenNanos())));
        o.put("last_seen", new BigDecimal(ZeekText.seconds(a.lastSeenNanos())));
        o.put("flows_started", a.flowsStarted());
        o.put("flows_answered", a.flowsAnswered());
        o.put("bytes_sent", a.bytesSent());
        o.put("bytes_received", a.bytesReceived());
        ObjectNode perDay = o.putObject("bytes_sent_per_day");
        a.bytesSentPerDay().forEach(perDay::put);
        o.put("peers", a.peers());
        return o;
    }

    private static void putIf(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    @Override
    public void close() throws IOException {
        if (changes != null) {
            changes.close();
        }
    }
}
