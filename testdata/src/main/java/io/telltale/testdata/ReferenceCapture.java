package io.telltale.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One reference capture and what its peers assert about it.
 *
 * @param manifest the capture's entry in {@code manifest.json}
 */
public record ReferenceCapture(Path path, JsonNode manifest) {

    public String fileName() {
        return path.getFileName().toString();
    }

    /** Packets in the file (capinfos, or complete records for a truncated file). */
    public long packets() {
        return manifest.path("packets").asLong();
    }

    public boolean truncated() {
        return manifest.path("capture_format").path("file_truncated").asBoolean();
    }

    public long size() {
        return manifest.path("size").asLong();
    }

    /** Expectation blocks of one peer ({@code zeek}, {@code arkime}, {@code ndpi}, {@code suricata_verify}). */
    public List<JsonNode> expectations(String peer) {
        List<JsonNode> blocks = new ArrayList<>();
        manifest.path("expectations").path(peer).forEach(blocks::add);
        return blocks;
    }

    /** The values the peers agree on or report per capture ({@code dns_queries}, {@code http_hosts}, ...), by peer. */
    public JsonNode peerSummary() {
        return manifest.path("peer_summary");
    }

    /** The first Zeek conn.log baseline with full rows (packet counts present), or null. */
    public JsonNode zeekConnBaseline() {
        for (JsonNode block : expectations("zeek")) {
            JsonNode rows = block.path("rows");
            if (block.path("baseline_path").asText().contains("conn") && rows.size() > 0
                    && rows.get(0).has("orig_pkts")) {
                return block;
            }
        }
        return null;
    }
}
