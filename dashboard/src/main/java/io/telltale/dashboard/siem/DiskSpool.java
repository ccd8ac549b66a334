package io.telltale.dashboard.siem;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A destination's persistent queue of encoded messages, after rsyslog's disk queue and syslog-ng's
 * reliable disk buffer (siem.md §1.7): every message is appended to a segment file before anything
 * is sent, and given up only when the sender {@linkplain #commit commits} past it, which it does
 * once the transport has really delivered it. A restart resends everything not committed, so
 * delivery is at least once; the alert ids let the SIEM drop the few duplicates.
 *
 * <p>Segments ({@code NNNNNNNNNNNNNNNNNNNN.spool}) hold records of {@code [length][CRC-32C][spooled at][bytes]};
 * the file {@code delivered} holds the committed position, replaced atomically. Opening checks
 * every pending record: a torn tail (the process killed in a write) is cut off and said. Over its
 * quota the spool drops its oldest segment, counts the alerts lost with it and says so: the newest
 * alerts are the ones an analyst needs first when the SIEM comes back.
 *
 * <p>Thread-safe: the sink thread appends, the sender's event loop reads and commits.
 */
public final class DiskSpool implements Closeable {

    /** A place in the spool: a segment and a byte offset in it. */
    public record Position(long segment, long offset) implements Comparable<Position> {
        @Override
        public int compareTo(Position o) {
            return segment != o.segment ? Long.compare(segment, o.segment) : Long.compare(offset, o.offset);
        }
    }

    /** A message, when it was spooled (epoch ms), and the position just after it (where reading, or a commit, goes next). */
    public record Entry(byte[] message, long spooledMillis, Position next) {
    }

    /** length, CRC-32C of the time and the message, the time it was spooled. */
    private static final int RECORD_HEADER = 16;
    /** No message is bigger: a length beyond it is damage, not a message. */
    static final int MAX_MESSAGE = 1 << 20;
    private static final String SUFFIX = ".spool";
    private static final String DELIVERED = "delivered";

    private final Path dir;
    private final long quotaBytes;
    private final long segmentBytes;
    private final Consumer<String> log;
    /** Segment number → its size in bytes. */
    private final TreeMap<Long, Long> segments = new TreeMap<>();
    private FileChannel writer;
    private long writerSegment;
    private FileChannel reader;
    private long readerSegment = -1;
    private Position committed;
    private long pendingEntries;
    private long pendingBytes;
    private long droppedEntries;
    private boolean unsynced;
    private final CRC32C crc = new CRC32C();

    private DiskSpool(Path dir, long quotaBytes, Consumer<String> log) {
        this.dir = dir;
        this.quotaBytes = quotaBytes;
        this.segmentBytes = Math.max(64 << 10, Math.min(16 << 20, quotaBytes / 8));
        this.log = log;
    }

    /** Opens (or creates) the spool in {@code dir}, checking what it holds. */
    public static DiskSpool open(Path dir, long quotaBytes, Consumer<String> log) throws IOException {
        if (quotaBytes < 256 << 10) {
            throw new IllegalArgumentException("a spool quota below 256 KiB cannot hold a burst of alerts: " + quotaBytes);
        }
        Files.createDirectories(dir);
        DiskSpool spool = new DiskSpool(dir, quotaBytes, log);
        spool.load();
        return spool;
    }

    private void load() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(SUFFIX) && name.length() == 20 + SUFFIX.length()) {
                    segments.put(Long.parseLong(name.substring(0, 20)), Files.size(f));
                }
            }
        }
        committed = readDelivered();
        if (segments.isEmpty()) {
            segments.put(committed.segment(), 0L);
        }
        if (committed.segment() < segments.firstKey()) {
            committed = new Position(segments.firstKey(), 0);
        }
        // what is pending is checked now: a damaged record would otherwise stop the sender later
        for (long s : new ArrayList<>(segments.keySet())) {
            if (s < committed.segment()) {
                Files.deleteIfExists(segment(s));
                segments.remove(s);
                continue;
            }
            long from = s == committed.segment() ? committed.offset() : 0;
            long good = scan(s, from);
            long size = segments.get(s);
            if (good < size) {
                log.accept("spool " + segment(s) + ": damaged from byte " + good + " of " + size
                        + " (the process stopped in a write?); the rest of that file is dropped");
                try (FileChannel ch = FileChannel.open(segment(s), StandardOpenOption.WRITE)) {
                    ch.truncate(good);
                }
                segments.put(s, good);
            }
        }
        writerSegment = segments.lastKey();
        writer = FileChannel.open(segment(writerSegment), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        writer.position(segments.get(writerSegment));
    }

    /** Counts the good records of segment {@code s} from {@code from}, returning where they end. */
    private long scan(long s, long from) throws IOException {
        if (!Files.exists(segment(s))) {
            return from;
        }
        try (FileChannel ch = FileChannel.open(segment(s), StandardOpenOption.READ)) {
            long pos = from;
            ByteBuffer head = ByteBuffer.allocate(RECORD_HEADER);
            while (true) {
                head.clear();
                if (ch.read(head, pos) < RECORD_HEADER) {
                    return pos;
                }
                head.flip();
                int length = head.getInt();
                int sum = head.getInt();
                long spooled = head.getLong();
                if (length <= 0 || length > MAX_MESSAGE || pos + RECORD_HEADER + length > ch.size()) {
                    return pos;
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                ch.read(body, pos + RECORD_HEADER);
                crc.reset();
                crc.update(ByteBuffer.allocate(8).putLong(0, spooled));
                crc.update(body.array());
                if ((int) crc.getValue() != sum) {
                    return pos;
                }
                pendingEntries++;
                pendingBytes += length;
                pos += RECORD_HEADER + length;
            }
        }
    }

    /**
     * Appends a message; it is in the operating system's hands at return, on disk after {@link #sync}.
     * A failed append (a full disk) changes nothing: the next segment is opened before the current one
     * is left, and a record written in part is cut off again, so the reader never meets a torn record.
     */
    public synchronized void append(byte[] message) throws IOException {
        if (message.length == 0 || message.length > MAX_MESSAGE) {
            throw new IllegalArgumentException("a spooled message is 1 byte to 1 MiB, not " + message.length);
        }
        long size = segments.get(writerSegment);
        if (size > 0 && size + RECORD_HEADER + message.length > segmentBytes) {
            FileChannel next = FileChannel.open(segment(writerSegment + 1), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            writer.close();
            writerSegment++;
            writer = next;
            segments.put(writerSegment, 0L);
            size = 0;
        }
        long now = System.currentTimeMillis();
        crc.reset();
        crc.update(ByteBuffer.allocate(8).putLong(0, now));
        crc.update(message);
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER + message.length);
        record.putInt(message.length).putInt((int) crc.getValue()).putLong(now).put(message).flip();
        try {
            while (record.hasRemaining()) {
                writer.write(record);
            }
        } catch (IOException e) {
            try {
                writer.truncate(size);
                writer.position(size);
            } catch (IOException alsoFailing) {
                e.addSuppressed(alsoFailing);
            }
            throw e;
        }
        segments.put(writerSegment, size + record.limit());
        pendingEntries++;
        pendingBytes += message.length;
        unsynced = true;
        enforceQuota();
    }

    /** Forces what was appended to the disk (a power cut then loses nothing appended before). */
    public synchronized void sync() throws IOException {
        if (unsynced) {
            writer.force(false);
            unsynced = false;
        }
    }

    private void enforceQuota() throws IOException {
        long total = 0;
        for (long size : segments.values()) {
            total += size;
        }
        while (total > quotaBytes && segments.size() > 1) {
            long oldest = segments.firstKey();
            long from = committed.segment() == oldest ? committed.offset() : 0;
            long entriesBefore = pendingEntries;
            long bytesBefore = pendingBytes;
            pendingEntries = 0;
            pendingBytes = 0;
            scan(oldest, from);
            long lost = pendingEntries;
            pendingEntries = entriesBefore - lost;
            pendingBytes = bytesBefore - pendingBytes;
            droppedEntries += lost;
            total -= segments.remove(oldest);
            if (readerSegment == oldest) {
                closeReader();
            }
            Files.deleteIfExists(segment(oldest));
            committed = new Position(segments.firstKey(), 0);
            writeDelivered();
            log.accept("spool " + dir + " is over its quota of " + quotaBytes + " bytes: dropped the oldest " + lost
                    + " messages (" + droppedEntries + " in all)");
        }
    }

    /**
     * Up to {@code maxEntries} messages (and about {@code maxBytes}) from {@code from}; a position
     * in a segment dropped since is read from the oldest segment left.
     */
    public synchronized List<Entry> read(Position from, int maxEntries, int maxBytes) throws IOException {
        List<Entry> out = new ArrayList<>();
        Position at = from.compareTo(committed) < 0 ? committed : from;
        int bytes = 0;
        while (out.size() < maxEntries && bytes < maxBytes) {
            Long size = segments.get(at.segment());
            if (size == null) {
                return out;
            }
            if (at.offset() >= size) {
                Long next = segments.higherKey(at.segment());
                if (next == null) {
                    return out;
                }
                at = new Position(next, 0);
                continue;
            }
            FileChannel ch = reader(at.segment());
            ByteBuffer head = ByteBuffer.allocate(RECORD_HEADER);
            ch.read(head, at.offset());
            head.flip();
            int length = head.getInt();
            head.getInt();
            long spooled = head.getLong();
            byte[] message = new byte[length];
            ch.read(ByteBuffer.wrap(message), at.offset() + RECORD_HEADER);
            at = new Position(at.segment(), at.offset() + RECORD_HEADER + length);
            out.add(new Entry(message, spooled, at));
            bytes += length;
        }
        return out;
    }

    private FileChannel reader(long s) throws IOException {
        if (readerSegment != s) {
            closeReader();
            reader = FileChannel.open(segment(s), StandardOpenOption.READ);
            readerSegment = s;
        }
        return reader;
    }

    private void closeReader() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
            readerSegment = -1;
        }
    }

    /**
     * Gives up the {@code entries} messages before {@code to}: they were delivered. Segments wholly
     * delivered are deleted. A position at or before the committed one (its messages dropped by the
     * quota meanwhile) changes nothing.
     */
    public synchronized void commit(Position to, int entries, long bytes) throws IOException {
        if (to.compareTo(committed) <= 0) {
            return;
        }
        committed = to;
        pendingEntries = Math.max(0, pendingEntries - entries);
        pendingBytes = Math.max(0, pendingBytes - bytes);
        while (segments.size() > 1 && segments.firstKey() < committed.segment()) {
            long done = segments.pollFirstEntry().getKey();
            if (readerSegment == done) {
                closeReader();
            }
            Files.deleteIfExists(segment(done));
        }
        writeDelivered();
    }

    /** Where delivery stands: reading resumes here after a connection is lost. */
    public synchronized Position committed() {
        return committed;
    }

    public synchronized long pendingEntries() {
        return pendingEntries;
    }

    public synchronized long pendingBytes() {
        return pendingBytes;
    }

    /** Messages the quota made room by dropping, since this spool was opened. */
    public synchronized long droppedEntries() {
        return droppedEntries;
    }

    public Path directory() {
        return dir;
    }

    private Position readDelivered() throws IOException {
        try {
            String[] parts = Files.readString(dir.resolve(DELIVERED), StandardCharsets.US_ASCII).strip().split(" ");
            return new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (NoSuchFileException e) {
            return new Position(0, 0);
        } catch (RuntimeException e) {
            log.accept("spool " + dir.resolve(DELIVERED) + " is unreadable (" + e.getMessage()
                    + "); everything in the spool is sent again");
            return new Position(0, 0);
        }
    }

    private void writeDelivered() throws IOException {
        Path tmp = dir.resolve(DELIVERED + ".tmp");
        Files.writeString(tmp, committed.segment() + " " + committed.offset() + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, dir.resolve(DELIVERED), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(DELIVERED), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path segment(long s) {
        return dir.resolve(String.format("%020d", s) + SUFFIX);
    }

    @Override
    public synchronized void close() throws IOException {
        sync();
        writer.close();
        closeReader();
    }
}
