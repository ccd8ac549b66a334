package io.telltale.capture.store;

import io.telltale.capture.flow.Flow;
import io.telltale.capture.flow.FlowPacketObserver;
import io.telltale.capture.flow.PacketTrail;
import io.telltale.capture.source.live.BpfFilter;
import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One worker's side of the packet store: frames are appended to the worker's current pcap file
 * (nanosecond pcap, the frame's link type) through a direct buffer, and each frame's offset goes into
 * its flow's {@link PacketTrail}. A file is closed and the next begun when it is full, when it spans
 * {@code maxFileNanos} of packet time, or when the link type changes; closing forces it to disk and
 * writes its SHA-256 (computed as it was written) to the manifest. The buffer is written out when full
 * and at least once a second of packet time, so a crash loses at most that second.
 *
 * <p>Per packet: no allocation, no exception, no logging. A failed write (a full disk) is counted, the
 * file given up, and the store told it is failing; frames of the next second of packet time are counted
 * as not stored without touching the disk, then a new file is tried — so a full disk costs one failed
 * attempt a second, not a file and an exception per frame, and writing resumes by itself when space
 * returns (the store is told at the first buffer that reaches the disk).
 */
public final class PacketStoreWriter implements FlowPacketObserver, Closeable {

    static final int PCAP_HEADER_BYTES = 24;
    static final int RECORD_HEADER_BYTES = 16;
    static final int NANOSECOND_MAGIC = 0xa1b23c4d;
    static final int SNAPLEN = 262_144;
    private static final long FLUSH_EVERY_NANOS = 1_000_000_000L;
    private static final long RETRY_AFTER_NANOS = 1_000_000_000L;

    private final PacketStore store;
    private final PacketStoreConfig config;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private final MemorySegment bufferSegment = MemorySegment.ofBuffer(buffer);
    private final MessageDigest digest;
    private FileChannel file;
    private long fileId = -1;
    private int fileLinkType = -1;
    private long fileBytes;
    private long filePackets;
    private long fileFirstNanos;
    private long fileLastNanos;
    private long lastFlushNanos;
    private BpfFilter filter;
    private long stored;
    private long truncated;
    // the frame written last, so a frame seen again for a tunnel's inner flow is not written twice
    private long lastFrameNanos = Long.MIN_VALUE;
    private long lastFrameAddress;
    private long lastFrameFileId = -1;
    private long lastRecordOffset;
    private long failures;
    /** After a write error: packet time before which nothing is tried; Long.MIN_VALUE when writing works. */
    private long retryAtNanos = Long.MIN_VALUE;
    private boolean failing;
    private long failuresWhenFailed;
    /** Frames in the buffer, not yet on disk: lost, not stored, if the write fails. */
    private long buffered;

    PacketStoreWriter(PacketStore store) {
        this.store = store;
        this.config = store.config();
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public void onFlowPacket(Flow flow, PacketTrail trail, long timestampNanos, int wireLength, MemorySegment frame,
            long offset, int capturedLength, int linkType) {
        if (config.devices() != null && (flow == null || !config.devices().contains(flow.originatorHigh(), flow.originatorLow())
                && !config.devices().contains(flow.responderHigh(), flow.responderLow()))) {
            return;
        }
        if (config.filter() != null) {
            if (filter == null) { // made on first use, by the worker that uses it
                filter = new BpfFilter(config.filter(), (t, w, d, o, c, l) -> { });
            }
            if (!filter.accepts(wireLength, frame, offset, capturedLength, linkType)) {
                return;
            }
        }
        if (timestampNanos < retryAtNanos) {
            failures++; // the disk failed less than a second ago: not tried again yet
            return;
        }
        int recordBytes = RECORD_HEADER_BYTES + capturedLength;
        long frameAddress = frame.address() + offset;
        if (trail != null && timestampNanos == lastFrameNanos && frameAddress == lastFrameAddress && file != null
                && lastFrameFileId == fileId) {
            // the same frame again, for the flow inside a tunnel: stored once, in both trails
            if (config.maxFlowBytes() == 0 || trail.storedBytes() + recordBytes <= config.maxFlowBytes()) {
                trail.add(fileId, lastRecordOffset, recordBytes);
            }
            return;
        }
        if (trail != null && config.maxFlowBytes() > 0 && trail.storedBytes() + recordBytes > config.maxFlowBytes()) {
            truncated++;
            return;
        }
        try {
            if (file == null || linkType != fileLinkType || fileBytes + recordBytes > config.maxFileBytes()
                    || timestampNanos - fileFirstNanos >= config.maxFileNanos()) {
                roll(timestampNanos, linkType);
            }
            if (buffer.remaining() < recordBytes) {
                drain();
            }
            long recordOffset = fileBytes;
            long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
            buffer.putInt((int) seconds).putInt((int) Math.floorMod(timestampNanos, 1_000_000_000L))
                    .putInt(capturedLength).putInt(wireLength);
            if (capturedLength > buffer.remaining()) {
                // a frame larger than the buffer: written straight through
                drain();
                file.write(frame.asSlice(offset, capturedLength).asByteBuffer());
                digest.update(frame.asSlice(offset, capturedLength).asByteBuffer());
            } else {
                MemorySegment.copy(frame, offset, bufferSegment, buffer.position(), capturedLength);
                buffer.position(buffer.position() + capturedLength);
                buffered++;
            }
            fileBytes += recordBytes;
            filePackets++;
            fileLastNanos = timestampNanos;
            stored++;
            lastFrameNanos = timestampNanos;
            lastFrameAddress = frameAddress;
            lastFrameFileId = fileId;
            lastRecordOffset = recordOffset;
            if (trail != null) {
                trail.add(fileId, recordOffset, recordBytes);
            }
            if (timestampNanos - lastFlushNanos >= FLUSH_EVERY_NANOS) {
                drain();
                lastFlushNanos = timestampNanos;
            }
        } catch (IOException e) {
            if (!failing) {
                failuresWhenFailed = failures;
            }
            failures++;
            abandon();
            retryAtNanos = timestampNanos + RETRY_AFTER_NANOS;
            if (!failing) {
                failing = true;
                store.failed(e);
            }
        }
    }

    private void roll(long timestampNanos, int linkType) throws IOException {
        closeFile();
        fileId = store.opened();
        file = FileChannel.open(StoreFiles.path(config.directory(), fileId), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        fileLinkType = linkType;
        fileFirstNanos = timestampNanos;
        fileLastNanos = timestampNanos;
        filePackets = 0;
        digest.reset();
        buffer.clear();
        buffer.putInt(NANOSECOND_MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN)
                .putInt(linkType);
        fileBytes = PCAP_HEADER_BYTES;
        lastFlushNanos = timestampNanos;
    }

    private void drain() throws IOException {
        buffer.flip();
        ByteBuffer hashed = buffer.duplicate();
        digest.update(hashed);
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
        buffer.clear();
        buffered = 0;
        retryAtNanos = Long.MIN_VALUE;
        if (failing) {
            failing = false;
            store.failureEnded(failures - failuresWhenFailed);
        }
    }

    private void closeFile() throws IOException {
        if (file == null) {
            return;
        }
        drain();
        file.force(true);
        file.close();
        file = null;
        store.closed(fileId);
        store.manifest().closed(fileId, digest.digest(), fileBytes, filePackets, fileFirstNanos, fileLastNanos,
                System.currentTimeMillis());
    }

    /**
     * After a write error: the file is closed as it is (not hashed, not in the manifest), the frames
     * still in the buffer count as lost rather than stored, and the next packet opens another file.
     */
    private void abandon() {
        stored -= buffered;
        failures += buffered;
        buffered = 0;
        try {
            if (file != null) {
                file.close();
                store.closed(fileId);
            }
        } catch (IOException ignored) {
            // already failing; the count says so
        }
        file = null;
        buffer.clear();
    }

    /** The file being written, or -1 (retention never deletes it). */
    public long currentFileId() {
        return file == null ? -1 : fileId;
    }

    @Override
    public void close() throws IOException {
        try {
            if (filter != null) {
                filter.close();
                filter = null;
            }
            closeFile();
        } finally {
            if (failing) {
                failing = false;
                store.failureEnded(failures - failuresWhenFailed);
            }
            store.counted(stored, truncated, failures);
            stored = 0;
            truncated = 0;
            failures = 0;
        }
    }
}
