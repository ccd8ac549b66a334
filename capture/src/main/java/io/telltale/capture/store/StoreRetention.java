package io.telltale.capture.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the packet store within its age and disk limits by deleting whole files, oldest first, with a
 * manifest line for each. Age counts back from the newest stored packet (live: now). A file being
 * written is never deleted.
 *
 * @param maxAgeNanos packet time kept before the newest file's first packet (0: no age limit)
 * @param maxBytes disk the files may use together (0: no limit)
 */
public record StoreRetention(long maxAgeNanos, long maxBytes) {

    public static final StoreRetention NONE = new StoreRetention(0, 0);

    public StoreRetention {
        if (maxAgeNanos < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("retention limits are 0 (none) or positive");
        }
    }

    /** Deletes what is beyond the limits; returns what was deleted and why, one line each. */
    public List<String> apply(PacketStore store) throws IOException {
        Set<Long> writing = store.writing();
        List<String> deleted = new ArrayList<>();
        if (maxAgeNanos == 0 && maxBytes == 0) {
            return deleted;
        }
        Path directory = store.config().directory();
        List<Long> ids = StoreFiles.ids(directory);
        if (ids.isEmpty()) {
            return deleted;
        }
        long newest = ids.getLast();
        List<Long> deletable = new ArrayList<>();
        for (long id : ids) {
            if (id != newest && !writing.contains(id)) {
                deletable.add(id);
            }
        }
        if (maxAgeNanos > 0) {
            long newestNanos = firstPacketNanos(StoreFiles.path(directory, newest));
            for (long id : new ArrayList<>(deletable)) {
                long first = firstPacketNanos(StoreFiles.path(directory, id));
                if (first != Long.MIN_VALUE && newestNanos != Long.MIN_VALUE && newestNanos - first > maxAgeNanos) {
                    deleted.add(delete(store, id, "age"));
                    deletable.remove(id);
                }
            }
        }
        if (maxBytes > 0) {
            long total = 0;
            for (long id : StoreFiles.ids(directory)) {
                total += Files.size(StoreFiles.path(directory, id));
            }
            while (total > maxBytes && !deletable.isEmpty()) {
                long id = deletable.removeFirst();
                total -= Files.size(StoreFiles.path(directory, id));
                deleted.add(delete(store, id, "quota"));
            }
        }
        return deleted;
    }

    private static String delete(PacketStore store, long id, String reason) throws IOException {
        Path file = StoreFiles.path(store.config().directory(), id);
        long bytes = Files.size(file);
        Files.delete(file);
        store.manifest().deleted(id, reason, System.currentTimeMillis());
        return "pcap " + StoreFiles.name(id) + " deleted (" + (reason.equals("age") ? "older than the store keeps"
                : "store over its quota") + "; " + bytes + " bytes)";
    }

    /** The time of the file's first packet, or {@code Long.MIN_VALUE} when it has none. */
    static long firstPacketNanos(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (channel.read(header, PacketStoreWriter.PCAP_HEADER_BYTES) != 8) {
                return Long.MIN_VALUE;
            }
            return (header.getInt(0) & 0xffff_ffffL) * 1_000_000_000L + (header.getInt(4) & 0xffff_ffffL);
        }
    }
}
