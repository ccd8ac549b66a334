package io.telltale.capture.store;

import io.telltale.capture.flow.PacketTrail;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the packets of flow trails back out as one pcap in time order (ties in store order), each
 * frame byte for byte as it was captured: what {@code telltale extract} hands an analyst or a court. A
 * packet named twice (a tunnel and the flow inside it) is written once. Only the packet headers are
 * held in memory while sorting; the frames are read as they are written.
 */
public final class PacketExtractor {

    /** What an extraction wrote and what it could not find (a file retention deleted, a damaged record). */
    public record Extraction(long packets, long bytes, long missing, Set<Long> files, int linkType) {
    }

    private record Stored(long fileId, long offset, long timestampNanos, int length) {
    }

    private final Path directory;

    public PacketExtractor(Path directory) {
        this.directory = directory;
    }

    public Extraction extract(List<byte[]> trails, Path out) throws IOException {
        Map<Long, List<Long>> byFile = new HashMap<>();
        long missing = 0;
        for (byte[] trail : trails) {
            if (trail != null) {
                Map<Long, List<Long>> read = new HashMap<>();
                try {
                    PacketTrail.decode(trail, (file, offset) -> read.computeIfAbsent(file, f -> new ArrayList<>()).add(offset));
                } catch (IllegalArgumentException e) {
                    missing++; // a damaged trail: the packets read before the damage are still given
                }
                read.forEach((file, offsets) -> byFile.computeIfAbsent(file, f -> new ArrayList<>()).addAll(offsets));
            }
        }
        List<Stored> packets = new ArrayList<>();
        int linkType = -1;
        Map<Long, FileChannel> open = new HashMap<>();
        try {
            for (Map.Entry<Long, List<Long>> entry : byFile.entrySet()) {
                FileChannel channel = channel(open, entry.getKey());
                if (channel == null) {
                    missing += entry.getValue().size();
                    continue;
                }
                int fileLink = linkType(channel);
                if (linkType < 0) {
                    linkType = fileLink;
                }
                List<Long> offsets = entry.getValue().stream().distinct().sorted().toList();
                for (long offset : offsets) {
                    ByteBuffer header = ByteBuffer.allocate(PacketStoreWriter.RECORD_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    if (fileLink != linkType || channel.read(header, offset) != PacketStoreWriter.RECORD_HEADER_BYTES) {
                        missing++;
                        continue;
                    }
                    long seconds = header.getInt(0) & 0xffff_ffffL;
                    long nanos = header.getInt(4) & 0xffff_ffffL;
                    int captured = header.getInt(8);
                    if (captured < 0 || captured > PacketStoreWriter.SNAPLEN || offset + 16 + captured > channel.size()) {
                        missing++;
                        continue;
                    }
                    packets.add(new Stored(entry.getKey(), offset, seconds * 1_000_000_000L + nanos, 16 + captured));
                }
            }
            packets.sort(Comparator.comparingLong(Stored::timestampNanos).thenComparingLong(Stored::fileId)
                    .thenComparingLong(Stored::offset));
            long bytes = write(packets, open, out, linkType < 0 ? 1 : linkType);
            return new Extraction(packets.size(), bytes, missing, new java.util.TreeSet<>(byFile.keySet()),
                    linkType < 0 ? 1 : linkType);
        } finally {
            for (FileChannel channel : open.values()) {
                if (channel != null) {
                    channel.close();
                }
            }
        }
    }

    private FileChannel channel(Map<Long, FileChannel> open, long fileId) throws IOException {
        if (open.containsKey(fileId)) {
            return open.get(fileId);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(StoreFiles.path(directory, fileId), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            channel = null;
        }
        open.put(fileId, channel);
        return channel;
    }

    private static int linkType(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(PacketStoreWriter.PCAP_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        if (channel.read(header, 0) != PacketStoreWriter.PCAP_HEADER_BYTES || header.getInt(0) != PacketStoreWriter.NANOSECOND_MAGIC) {
            return -2;
        }
        return header.getInt(20);
    }

    private static long write(List<Stored> packets, Map<Long, FileChannel> open, Path out, int linkType) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        long bytes = 0;
        try (FileChannel target = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = ByteBuffer.allocate(PacketStoreWriter.PCAP_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(PacketStoreWriter.NANOSECOND_MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(PacketStoreWriter.SNAPLEN).putInt(linkType).flip();
            bytes += target.write(header);
            ByteBuffer record = ByteBuffer.allocate(16 + PacketStoreWriter.SNAPLEN);
            for (Stored packet : packets) {
                record.clear().limit(packet.length());
                FileChannel source = open.get(packet.fileId());
                while (record.hasRemaining() && source.read(record, packet.offset() + record.position()) > 0) {
                    // positional reads until the record is whole
                }
                record.flip();
                while (record.hasRemaining()) {
                    bytes += target.write(record);
                }
            }
        }
        return bytes;
    }
}
