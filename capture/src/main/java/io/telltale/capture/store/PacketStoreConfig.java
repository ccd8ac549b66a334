package io.telltale.capture.store;

import io.telltale.capture.flow.LocalNetworks;
import io.telltale.capture.source.live.BpfFilter;
import io.telltale.capture.source.live.LiveCaptureException;
import java.nio.file.Path;

/**
 * Where and how the packet store writes.
 *
 * @param directory the store's folder ({@code DATA/pcap})
 * @param maxFileBytes a file is closed and the next begun past this size
 * @param maxFileNanos ... or when its first packet is this much older (packet time) than the next one
 * @param maxFlowBytes packets of one flow stored at most (Arkime's truncation: the start of a long
 *     transfer is the evidence, its bulk is disk); 0 for no limit
 * @param devices when not null, only flows with an end in these networks are stored (the policy's devices)
 * @param filter when not null, only frames this BPF expression accepts are stored (tcpdump's syntax)
 */
public record PacketStoreConfig(Path directory, long maxFileBytes, long maxFileNanos, long maxFlowBytes,
        LocalNetworks devices, String filter) {

    public static final long DEFAULT_FILE_BYTES = 256L << 20;
    public static final long DEFAULT_FILE_NANOS = 3_600_000_000_000L;
    public static final long DEFAULT_FLOW_BYTES = 4L << 20;

    public PacketStoreConfig {
        if (maxFileBytes < 4096) {
            throw new IllegalArgumentException("a store file holds at least 4096 bytes, not " + maxFileBytes);
        }
        if (maxFileNanos <= 0 || maxFlowBytes < 0) {
            throw new IllegalArgumentException("store limits must be positive");
        }
    }

    public static PacketStoreConfig defaults(Path directory) {
        return new PacketStoreConfig(directory, DEFAULT_FILE_BYTES, DEFAULT_FILE_NANOS, DEFAULT_FLOW_BYTES, null, null);
    }

    public PacketStoreConfig withMaxFlowBytes(long bytes) {
        return new PacketStoreConfig(directory, maxFileBytes, maxFileNanos, bytes, devices, filter);
    }

    /** Only flows with an end in these networks. */
    public PacketStoreConfig withDevices(LocalNetworks networks) {
        return new PacketStoreConfig(directory, maxFileBytes, maxFileNanos, maxFlowBytes, networks, filter);
    }

    /**
     * Only frames this BPF expression accepts.
     *
     * @throws LiveCaptureException when it does not compile
     */
    public PacketStoreConfig withFilter(String expression) {
        if (expression != null) {
            new BpfFilter(expression, (t, w, d, o, c, l) -> { }).close();
        }
        return new PacketStoreConfig(directory, maxFileBytes, maxFileNanos, maxFlowBytes, devices, expression);
    }
}
