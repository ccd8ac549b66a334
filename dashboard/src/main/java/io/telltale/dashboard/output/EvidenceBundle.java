package io.telltale.dashboard.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.telltale.analysis.index.SearchPage;
import io.telltale.capture.store.PacketExtractor;
import io.telltale.capture.store.StoreManifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The evidence zip of an extraction: {@code packets.pcap}, {@code flows.jsonl}, {@code alert.json} (for
 * an alert), {@code manifest.jsonl} (the store manifest's lines of every file the packets came from,
 * with their SHA-256 as recorded when each file was closed), {@code README.txt} (what was asked, when,
 * by which version) and {@code SHA256SUMS} over the other members, in {@code sha256sum -c} form.
 */
public final class EvidenceBundle {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path store;
    private final String what;

    public EvidenceBundle(Path store, String what) {
        this.store = store;
        this.what = what;
    }

    public void write(Path zip, Path pcap, List<SearchPage.FlowHit> flows, List<Map<String, Object>> alerts,
            PacketExtractor.Extraction extraction) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("packets.pcap", Files.readAllBytes(pcap));
        StringBuilder jsonl = new StringBuilder();
        for (SearchPage.FlowHit flow : flows) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("uid", flow.uid());
            object.putAll(flow.fields());
            jsonl.append(JSON.writeValueAsString(object)).append('\n');
        }
        members.put("flows.jsonl", jsonl.toString().getBytes(StandardCharsets.UTF_8));
        if (!alerts.isEmpty()) {
            members.put("alert.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(alerts.size() == 1 ? alerts.getFirst() : alerts));
        }
        StoreManifest manifest = new StoreManifest(store);
        StringBuilder lines = new StringBuilder();
        for (String line : manifest.linesOf(extraction.files())) {
            lines.append(line).append('\n');
        }
        members.put("manifest.jsonl", lines.toString().getBytes(StandardCharsets.UTF_8));
        String version = EvidenceBundle.class.getPackage().getImplementationVersion();
        members.put("README.txt", String.format("""
                Telltale evidence export
                asked for:   %s
                exported at: %s
                by:          telltale %s
                packets:     %d (%d missing from the store)
                flows:       %d

                packets.pcap holds the stored packets of the flows in time order, byte for byte as captured.
                manifest.jsonl holds the store's record of each pcap file they came from, with the SHA-256 taken
                when that file was closed. SHA256SUMS covers every other file here: sha256sum -c SHA256SUMS
                """, what, Instant.now(), version == null ? "development build" : version, extraction.packets(),
                extraction.missing(), flows.size()).getBytes(StandardCharsets.UTF_8));
        StringBuilder sums = new StringBuilder();
        for (Map.Entry<String, byte[]> member : members.entrySet()) {
            sums.append(HexFormat.of().formatHex(sha256(member.getValue()))).append("  ").append(member.getKey()).append('\n');
        }
        members.put("SHA256SUMS", sums.toString().getBytes(StandardCharsets.UTF_8));
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                out.putNextEntry(new ZipEntry(member.getKey()));
                out.write(member.getValue());
                out.closeEntry();
            }
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
