package io.telltale.dashboard.app;

import io.telltale.analysis.index.IndexRetention;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.LocalNetworks;
import io.telltale.capture.source.live.LiveCaptureException;
import io.telltale.capture.store.PacketStoreConfig;
import io.telltale.capture.store.StoreRetention;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of {@code read} and {@code capture} that fill a data directory: index, packet store, retention. */
final class DataDirOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "index every flow, alert and asset change in DIR/index and keep the packets in DIR/pcap "
                    + "('telltale search' and 'telltale extract' read them; what was there before is kept)")
    Path dataDir;

    @Option(names = "--store-packets", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "with --data-dir, keep the packets too (--no-store-packets: the index only)")
    boolean storePackets;

    @Option(names = "--store-flow-bytes", paramLabel = "SIZE", defaultValue = "4M", converter = ByteSize.class,
            description = "packets of one flow kept at most, the first ones (0: all). Default: ${DEFAULT-VALUE}")
    long storeFlowBytes;

    @Option(names = "--store-file-size", paramLabel = "SIZE", defaultValue = "256M", converter = ByteSize.class,
            description = "a pcap file of the store is closed (hashed into the manifest) at this size. Default: ${DEFAULT-VALUE}")
    long storeFileBytes;

    @Option(names = "--store-file-minutes", paramLabel = "MINUTES", defaultValue = "60",
            description = "... or when it spans this many minutes of packet time. Default: ${DEFAULT-VALUE}")
    long storeFileMinutes;

    @Option(names = "--store-filter", paramLabel = "BPF",
            description = "keep only the packets this BPF expression accepts (tcpdump's syntax), e.g. 'not port 443'")
    String storeFilter;

    @Option(names = "--store-devices-only", description = "keep only the packets of flows with an end in a group of the "
            + "policy (--policy): the screening devices, not the rest of the SPAN")
    boolean storeDevicesOnly;

    @Option(names = "--reindex", description = "index files this data directory was already filled from again "
            + "(their flows are then there twice); without it, read refuses them")
    boolean reindex;

    @Option(names = "--retain-days", paramLabel = "DAYS", defaultValue = "0",
            description = "keep index days and packets this many days before the newest (0: no age limit)")
    int retainDays;

    @Option(names = "--index-quota", paramLabel = "SIZE", defaultValue = "0", converter = ByteSize.class,
            description = "disk the index may use; the oldest days go first (0: no limit; 500G, 2T, ...)")
    long indexQuota;

    @Option(names = "--store-quota", paramLabel = "SIZE", defaultValue = "0", converter = ByteSize.class,
            description = "disk the packet store may use; the oldest files go first (0: no limit)")
    long storeQuota;

    /** The store's configuration, or null when packets are not kept; the policy names the devices. */
    PacketStoreConfig storeConfig(Policy policy, CommandLine commandLine) {
        if (!storePackets) {
            return null;
        }
        PacketStoreConfig config;
        try {
            config = new PacketStoreConfig(FlowIndexing.storeDirectory(dataDir), storeFileBytes, storeFileMinutes * 60_000_000_000L,
                    storeFlowBytes, null, null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--store-file-size/--store-file-minutes: " + e.getMessage());
        }
        if (storeDevicesOnly) {
            if (policy == null || policy.groups().isEmpty()) {
                throw new CommandLine.ParameterException(commandLine, "--store-devices-only needs a --policy with groups");
            }
            List<String> networks = new ArrayList<>();
            policy.groups().values().forEach(g -> g.cidr().forEach(c -> networks.add(c.text())));
            config = config.withDevices(LocalNetworks.parse(networks));
        }
        try {
            return config.withFilter(storeFilter);
        } catch (LiveCaptureException e) {
            throw new CommandLine.ParameterException(commandLine, "--store-filter: " + e.getMessage());
        }
    }

    IndexRetention indexRetention() {
        return new IndexRetention(retainDays, indexQuota);
    }

    StoreRetention storeRetention() {
        return new StoreRetention(retainDays * 86_400_000_000_000L, storeQuota);
    }

    void validate(CommandLine commandLine) {
        if (retainDays < 0 || storeFlowBytes < 0) {
            throw new CommandLine.ParameterException(commandLine, "--retain-days and --store-flow-bytes are 0 or more");
        }
    }

    /** Sizes as people write them: 4096, 512K, 4M, 500G, 2T (powers of 1024). */
    static final class ByteSize implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
            long unit = 1;
            if (!v.isEmpty() && "KMGT".indexOf(v.charAt(v.length() - 1)) >= 0) {
                unit = 1L << (10 * ("KMGT".indexOf(v.charAt(v.length() - 1)) + 1));
                v = v.substring(0, v.length() - 1);
            }
            try {
                return Math.multiplyExact(Long.parseLong(v), unit);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size (4096, 512K, 4M, 500G, 2T)");
            }
        }
    }
}
