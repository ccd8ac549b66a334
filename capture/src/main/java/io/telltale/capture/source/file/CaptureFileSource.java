package io.telltale.capture.source.file;

import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.SourceDamage;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * What the pcap and pcapng readers share: the bytes of the file, the count of packets delivered,
 * how reading ends (at the end of the file, or at damage reported with its offset) and closing.
 */
abstract sealed class CaptureFileSource implements PacketSource permits PcapFileSource, PcapngFileSource {

    final String name;
    final MemorySegment data;
    private final AutoCloseable owner;
    long packetNumber;
    boolean ended;
    private SourceDamage damage;

    CaptureFileSource(String name, MemorySegment data, AutoCloseable owner) {
        this.name = name;
        this.data = data;
        this.owner = owner;
    }

    /** Stops reading: the record or block at {@code offset} is damaged. */
    final void fail(long offset, String reason) {
        damage = new SourceDamage(name, offset, packetNumber + 1, reason);
        ended = true;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Optional<SourceDamage> damage() {
        return Optional.ofNullable(damage);
    }

    @Override
    public final void close() {
        ended = true;
        try {
            owner.close();
        } catch (Exception e) {
            // Unmapping a read-only mapping cannot fail in a way the reader could act on.
        }
    }
}
