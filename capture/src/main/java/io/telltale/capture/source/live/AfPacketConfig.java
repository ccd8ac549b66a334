package io.telltale.capture.source.live;

/**
 * How an AF_PACKET TPACKET_V3 socket is set up.
 *
 * @param interfaceName the interface to read (e.g. {@code eth1}, the SPAN port)
 * @param blockSizeBytes ring block size: a power of two, a multiple of the page size; 1 MiB by default
 * @param blockCount blocks in the ring; 64 (a 64 MiB ring) by default: size it for rate × longest stall
 * @param retireTimeoutMillis how long the kernel keeps a partly filled block before handing it over;
 *     60 ms by default. Big blocks with a short timeout waste ring space at moderate rates (capture.md
 *     §5 measured a third of packets dropped with 4 MiB blocks and 10 ms)
 * @param snapLength bytes kept per frame
 * @param promiscuous whether to join the interface in promiscuous mode (a SPAN port needs it)
 * @param filter a BPF filter in libpcap syntax, or null for everything
 * @param fanoutGroup a PACKET_FANOUT group id (1–65535) to share the interface's load with the other
 *     sockets of the group, by flow hash with defragmentation; 0 for none
 */
public record AfPacketConfig(String interfaceName, int blockSizeBytes, int blockCount, int retireTimeoutMillis,
                             int snapLength, boolean promiscuous, String filter, int fanoutGroup) {

    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;
    public static final int DEFAULT_BLOCK_COUNT = 64;
    public static final int DEFAULT_RETIRE_MILLIS = 60;
    public static final int DEFAULT_SNAP_LENGTH = 262_144;
    static final int PAGE = 4096;

    public AfPacketConfig {
        if (interfaceName == null || interfaceName.isBlank() || interfaceName.length() > 15) {
            throw new IllegalArgumentException("interface name must be 1-15 characters: " + interfaceName);
        }
        if (blockSizeBytes < PAGE || Integer.bitCount(blockSizeBytes) != 1) {
            throw new IllegalArgumentException("block size must be a power of two of at least 4096 bytes: " + blockSizeBytes);
        }
        if (blockCount < 2 || (long) blockCount * blockSizeBytes > (1L << 34)) {
            throw new IllegalArgumentException("block count must be 2 or more and the ring at most 16 GiB: " + blockCount);
        }
        if (retireTimeoutMillis < 1 || retireTimeoutMillis > 10_000) {
            throw new IllegalArgumentException("block retire timeout must be 1-10000 ms: " + retireTimeoutMillis);
        }
        if (snapLength < 64 || snapLength > 262_144) {
            throw new IllegalArgumentException("snap length must be 64-262144: " + snapLength);
        }
        if (fanoutGroup < 0 || fanoutGroup > 0xffff) {
            throw new IllegalArgumentException("fanout group must be 0-65535: " + fanoutGroup);
        }
    }

    /** The defaults for one interface, everything captured. */
    public static AfPacketConfig of(String interfaceName) {
        return new AfPacketConfig(interfaceName, DEFAULT_BLOCK_SIZE, DEFAULT_BLOCK_COUNT, DEFAULT_RETIRE_MILLIS,
                DEFAULT_SNAP_LENGTH, true, null, 0);
    }

    public AfPacketConfig withFilter(String bpf) {
        return new AfPacketConfig(interfaceName, blockSizeBytes, blockCount, retireTimeoutMillis, snapLength, promiscuous, bpf,
                fanoutGroup);
    }

    public AfPacketConfig withFanout(int group) {
        return new AfPacketConfig(interfaceName, blockSizeBytes, blockCount, retireTimeoutMillis, snapLength, promiscuous,
                filter, group);
    }

    public AfPacketConfig withRing(int blockSize, int blocks, int retireMillis) {
        return new AfPacketConfig(interfaceName, blockSize, blocks, retireMillis, snapLength, promiscuous, filter, fanoutGroup);
    }
}
