package io.telltale.capture.store;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rolling pcap store of a data directory (DESIGN §7): each worker writes its own files through a
 * {@link PacketStoreWriter}; file ids come from one counter, so they are unique and grow with time
 * across workers and restarts. Closed files are hashed into the {@link StoreManifest}.
 */
public final class PacketStore {

    /** Where a data directory keeps its packets. */
    public static java.nio.file.Path directoryIn(java.nio.file.Path dataDir) {
        return dataDir.resolve("pcap");
    }

    private final PacketStoreConfig config;
    private final AtomicLong nextFileId;
    private final StoreManifest manifest;
    private final AtomicLong truncatedPackets = new AtomicLong();
    private final AtomicLong storedPackets = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final Set<Long> writing = ConcurrentHashMap.newKeySet();

    public PacketStore(PacketStoreConfig config) throws IOException {
        this.config = config;
        Files.createDirectories(config.directory());
        List<Long> ids = StoreFiles.ids(config.directory());
        this.nextFileId = new AtomicLong(ids.isEmpty() ? 1 : ids.getLast() + 1);
        this.manifest = new StoreManifest(config.directory());
    }

    public PacketStoreConfig config() {
        return config;
    }

    public StoreManifest manifest() {
        return manifest;
    }

    /** A writer for one worker thread. */
    public PacketStoreWriter writer() {
        return new PacketStoreWriter(this);
    }

    long opened() {
        long id = nextFileId.getAndIncrement();
        writing.add(id);
        return id;
    }

    void closed(long fileId) {
        writing.remove(fileId);
    }

    /** Ids of the files writers have open now (retention leaves them alone). */
    public Set<Long> writing() {
        return Set.copyOf(writing);
    }

    private final java.util.concurrent.atomic.AtomicInteger failingWriters = new java.util.concurrent.atomic.AtomicInteger();
    private volatile String failure;
    private final AtomicLong lostWhileFailing = new AtomicLong();

    /** A writer could not write (the first error of an episode; the message is kept for the report). */
    void failed(IOException e) {
        failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        failingWriters.incrementAndGet();
    }

    /** A writer that was failing wrote again (or closed), having left {@code lost} frames unstored meanwhile. */
    void failureEnded(long lost) {
        lostWhileFailing.addAndGet(lost);
        failingWriters.decrementAndGet();
    }

    /** Whether a writer is failing now (a full disk): frames are not being stored. */
    public boolean failing() {
        return failingWriters.get() > 0;
    }

    /** The last write error, or null if none happened. */
    public String failure() {
        return failure;
    }

    /** Frames not stored during failures that have ended (live; {@link #writeFailures} counts writers that closed). */
    public long lostWhileFailing() {
        return lostWhileFailing.get();
    }

    void counted(long stored, long truncated, long failures) {
        storedPackets.addAndGet(stored);
        truncatedPackets.addAndGet(truncated);
        writeFailures.addAndGet(failures);
    }

    /** Packets written, by writers that have closed. */
    public long storedPackets() {
        return storedPackets.get();
    }

    /** Packets not stored because their flow had reached its byte limit. */
    public long truncatedPackets() {
        return truncatedPackets.get();
    }

    /** Packets lost to write errors (a full disk): the capture went on. */
    public long writeFailures() {
        return writeFailures.get();
    }
}
