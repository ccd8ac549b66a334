package io.telltale.capture.source.live;

import io.telltale.capture.source.PacketHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.SourceDamage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An interface read through an AF_PACKET TPACKET_V3 ring (Linux). The kernel fills blocks of frames;
 * this source walks a block when the kernel hands it over ({@code block_status} read with acquire
 * semantics), delivers each frame as a view into the ring, and hands the block back (release). No
 * system call per packet, no allocation: the only call is {@code poll(2)}, with a 100 ms timeout, when
 * no block is ready, so a caller on an idle interface gets 0 within a tenth of a second and can stop.
 *
 * <p>Set-up order follows packet(7): version, ring, map, filter (compiled by libpcap), bind,
 * promiscuous membership, fanout. VLAN tags the kernel strips are put back (from {@code tp_vlan_tci})
 * into a scratch copy of the frame. The kernel's counters reset on each read, so they are accumulated.
 *
 * <pre>
 * tpacket_block_desc: version u32 | offset_to_priv u32 | block_status u32 @8 | num_pkts u32 @12 |
 *                     offset_to_first_pkt u32 @16 | blk_len u32 @20 | seq_num u64 | ts_first | ts_last
 * tpacket3_hdr:       tp_next_offset u32 @0 | tp_sec u32 @4 | tp_nsec u32 @8 | tp_snaplen u32 @12 |
 *                     tp_len u32 @16 | tp_status u32 @20 | tp_mac u16 @24 | tp_net u16 @26 |
 *                     tp_rxhash u32 @28 | tp_vlan_tci u32 @32 | tp_vlan_tpid u16 @36
 * </pre>
 */
public final class AfPacketSource implements PacketSource {

    static final int TP_STATUS_KERNEL = 0;
    static final int TP_STATUS_USER = 1;
    static final int TP_STATUS_VLAN_VALID = 0x10;
    static final int TP_STATUS_VLAN_TPID_VALID = 0x40;
    static final int FRAME_SIZE = 2048;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW = 101;
    static final int POLL_TIMEOUT_MILLIS = 100;
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final ValueLayout.OfShort NATIVE_SHORT = ValueLayout.JAVA_SHORT;
    private static final ValueLayout.OfShort BIG_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final AfPacketConfig config;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment state = Libc.callState(arena);
    private final MemorySegment pollfd = arena.allocate(8, 4);
    private final MemorySegment statistics = arena.allocate(12, 4);
    private final MemorySegment statisticsLength = arena.allocate(4, 4);
    private final MemorySegment scratch;
    private final int fd;
    private final MemorySegment ring;
    private final int linkType;
    private final long interfaceDropsAtOpen;
    private final int interfaceIndex;
    private final MemorySegment ifreq = arena.allocate(40, 8);
    private final MemorySegment interfaceNameBytes;
    private int block;
    private boolean inBlock;
    private long frame;
    private int remaining;
    private long packets;
    private long bytes;
    private long kernelDrops;
    private volatile boolean closed;

    public AfPacketSource(AfPacketConfig config) {
        this.config = config;
        this.scratch = arena.allocate(config.snapLength() + 4L, 8);
        this.interfaceNameBytes = arena.allocateFrom(config.interfaceName());
        try {
            int index = Libc.ifNameToIndex(state, arena, config.interfaceName());
            if (index == 0) {
                throw failure("no such interface", Libc.errno(state));
            }
            this.fd = Libc.socket(state, Libc.AF_PACKET, Libc.SOCK_RAW, htons(Libc.ETH_P_ALL));
            if (fd < 0) {
                throw failure("cannot open an AF_PACKET socket (needs CAP_NET_RAW)", Libc.errno(state));
            }
            this.linkType = readLinkType();
            this.interfaceIndex = index;
            this.ring = setUp(index);
            this.interfaceDropsAtOpen = interfaceDropsNow();
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private MemorySegment setUp(int index) {
        try {
            option(Libc.SOL_PACKET, Libc.PACKET_VERSION, intValue(Libc.TPACKET_V3), "PACKET_VERSION TPACKET_V3");
            int blockSize = config.blockSizeBytes();
            int blocks = config.blockCount();
            MemorySegment request = arena.allocate(28, 4);
            request.set(ValueLayout.JAVA_INT, 0, blockSize);
            request.set(ValueLayout.JAVA_INT, 4, blocks);
            request.set(ValueLayout.JAVA_INT, 8, FRAME_SIZE);
            request.set(ValueLayout.JAVA_INT, 12, blockSize / FRAME_SIZE * blocks);
            request.set(ValueLayout.JAVA_INT, 16, config.retireTimeoutMillis());
            option(Libc.SOL_PACKET, Libc.PACKET_RX_RING, request, "PACKET_RX_RING (" + blocks + " blocks of " + blockSize + " bytes)");
            long size = (long) blockSize * blocks;
            MemorySegment mapped = Libc.mmap(state, size, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED | Libc.MAP_POPULATE, fd);
            if (mapped.address() == -1L || mapped.equals(MemorySegment.NULL)) {
                throw failure("cannot map the " + size + "-byte ring", Libc.errno(state));
            }
            MemorySegment ringSegment = mapped.reinterpret(size, arena, m -> Libc.munmap(Libc.callState(Arena.global()), m, size));
            if (config.filter() != null) {
                MemorySegment insns = Libpcap.get().compile(arena, linkType, config.snapLength(), config.filter());
                MemorySegment program = arena.allocate(16, 8);
                program.set(ValueLayout.JAVA_SHORT, 0, (short) (insns.byteSize() / Libpcap.BPF_INSN_SIZE));
                program.set(ValueLayout.ADDRESS, 8, insns);
                option(Libc.SOL_SOCKET, Libc.SO_ATTACH_FILTER, program, "SO_ATTACH_FILTER \"" + config.filter() + "\"");
            }
            MemorySegment address = arena.allocate(20, 4);
            address.set(NATIVE_SHORT, 0, (short) Libc.AF_PACKET);
            address.set(NATIVE_SHORT, 2, (short) htons(Libc.ETH_P_ALL));
            address.set(ValueLayout.JAVA_INT, 4, index);
            if (Libc.bind(state, fd, address, 20) != 0) {
                throw failure("cannot bind to the interface", Libc.errno(state));
            }
            if (config.promiscuous()) {
                MemorySegment membership = arena.allocate(16, 4);
                membership.set(ValueLayout.JAVA_INT, 0, index);
                membership.set(NATIVE_SHORT, 4, (short) Libc.PACKET_MR_PROMISC);
                option(Libc.SOL_PACKET, Libc.PACKET_ADD_MEMBERSHIP, membership, "promiscuous membership");
            }
            if (config.fanoutGroup() > 0) {
                int fanout = config.fanoutGroup() | ((Libc.PACKET_FANOUT_HASH | Libc.PACKET_FANOUT_FLAG_DEFRAG) << 16);
                option(Libc.SOL_PACKET, Libc.PACKET_FANOUT, intValue(fanout), "PACKET_FANOUT group " + config.fanoutGroup());
            }
            pollfd.set(ValueLayout.JAVA_INT, 0, fd);
            pollfd.set(NATIVE_SHORT, 4, Libc.POLLIN);
            return ringSegment;
        } catch (RuntimeException e) {
            Libc.close(state, fd);
            throw e;
        }
    }

    @Override
    public int poll(PacketHandler handler, int limit) {
        if (closed) {
            return END_OF_INPUT;
        }
        int delivered = 0;
        while (delivered < limit) {
            if (!inBlock) {
                long desc = (long) block * config.blockSizeBytes();
                if (((int) INT.getAcquire(ring, desc + 8) & TP_STATUS_USER) == 0) {
                    if (delivered > 0 || !waitForBlock(desc)) {
                        return delivered;
                    }
                }
                remaining = ring.get(ValueLayout.JAVA_INT, desc + 12);
                frame = desc + (ring.get(ValueLayout.JAVA_INT, desc + 16) & 0xffffffffL);
                inBlock = true;
            }
            while (remaining > 0 && delivered < limit) {
                deliver(handler, frame);
                frame += ring.get(ValueLayout.JAVA_INT, frame) & 0xffffffffL;
                remaining--;
                delivered++;
            }
            if (remaining == 0) {
                INT.setRelease(ring, (long) block * config.blockSizeBytes() + 8, TP_STATUS_KERNEL);
                block = (block + 1) % config.blockCount();
                inBlock = false;
            }
        }
        return delivered;
    }

    /** Waits up to 100 ms for the kernel to hand the block over. */
    private boolean waitForBlock(long desc) {
        Libc.poll(state, pollfd, POLL_TIMEOUT_MILLIS); // EINTR or timeout: the status decides
        return ((int) INT.getAcquire(ring, desc + 8) & TP_STATUS_USER) != 0;
    }

    private void deliver(PacketHandler handler, long at) {
        long seconds = ring.get(ValueLayout.JAVA_INT, at + 4) & 0xffffffffL;
        long nanos = ring.get(ValueLayout.JAVA_INT, at + 8) & 0xffffffffL;
        int captured = ring.get(ValueLayout.JAVA_INT, at + 12);
        int wire = ring.get(ValueLayout.JAVA_INT, at + 16);
        int status = ring.get(ValueLayout.JAVA_INT, at + 20);
        long mac = at + (ring.get(NATIVE_SHORT, at + 24) & 0xffff);
        long timestamp = seconds * 1_000_000_000L + nanos;
        packets++;
        bytes += wire;
        if ((status & TP_STATUS_VLAN_VALID) != 0 && linkType == LINKTYPE_ETHERNET && captured >= 12) {
            // the kernel took the 802.1Q tag out: put it back after the MAC addresses, in a scratch copy
            int tci = ring.get(ValueLayout.JAVA_INT, at + 32) & 0xffff;
            int tpid = (status & TP_STATUS_VLAN_TPID_VALID) != 0 ? ring.get(NATIVE_SHORT, at + 36) & 0xffff : 0x8100;
            int keep = Math.min(captured, (int) scratch.byteSize() - 4);
            MemorySegment.copy(ring, mac, scratch, 0, 12);
            scratch.set(BIG_SHORT, 12, (short) tpid);
            scratch.set(BIG_SHORT, 14, (short) tci);
            MemorySegment.copy(ring, mac + 12, scratch, 16, keep - 12);
            handler.onPacket(timestamp, wire + 4, scratch, 0, keep + 4, linkType);
            return;
        }
        handler.onPacket(timestamp, wire, ring, mac, captured, linkType);
    }

    /** Whether the interface is up and running, down, or gone (deleted, or replaced by one with another index). */
    public enum LinkState { UP, DOWN, GONE }

    /**
     * Asks the kernel about the interface this socket was bound to. A socket keeps working across a
     * down and up of its interface, but not across its deletion: then a new source must be opened.
     */
    public synchronized LinkState linkState() {
        if (closed) {
            return LinkState.GONE;
        }
        ifreq.fill((byte) 0);
        MemorySegment.copy(interfaceNameBytes, 0, ifreq, 0, Math.min(15, config.interfaceName().length()));
        if (Libc.ioctl(state, fd, Libc.SIOCGIFINDEX, ifreq) != 0 || ifreq.get(ValueLayout.JAVA_INT, 16) != interfaceIndex) {
            return LinkState.GONE;
        }
        if (Libc.ioctl(state, fd, Libc.SIOCGIFFLAGS, ifreq) != 0) {
            return LinkState.GONE;
        }
        int flags = ifreq.get(NATIVE_SHORT, 16) & 0xffff;
        return (flags & Libc.IFF_UP) != 0 && (flags & Libc.IFF_RUNNING) != 0 ? LinkState.UP : LinkState.DOWN;
    }

    /**
     * How full the ring is: the share of blocks the kernel has handed over and the reader has not yet
     * given back (1.0 means the next frames are being dropped).
     */
    public synchronized double ringFill() {
        if (closed) {
            return 0;
        }
        int full = 0;
        for (int b = 0; b < config.blockCount(); b++) {
            if (((int) INT.getAcquire(ring, (long) b * config.blockSizeBytes() + 8) & TP_STATUS_USER) != 0) {
                full++;
            }
        }
        return (double) full / config.blockCount();
    }

    /** Packets, bytes, kernel and interface drops since the source opened (reads the kernel's counters). */
    public synchronized CaptureCounters counters() {
        if (!closed) {
            statisticsLength.set(ValueLayout.JAVA_INT, 0, 12);
            MemorySegment callState = Libc.callState(Arena.ofAuto());
            if (Libc.getsockopt(callState, fd, Libc.SOL_PACKET, Libc.PACKET_STATISTICS, statistics, statisticsLength) == 0) {
                kernelDrops += statistics.get(ValueLayout.JAVA_INT, 4) & 0xffffffffL; // reset by every read
            }
        }
        return new CaptureCounters(packets, bytes, kernelDrops, Math.max(0, interfaceDropsNow() - interfaceDropsAtOpen));
    }

    /** The interface's rx_dropped (from /sys: right when this process lives in the interface's namespace). */
    private long interfaceDropsNow() {
        try {
            return Long.parseLong(Files.readString(Path.of("/sys/class/net", config.interfaceName(), "statistics", "rx_dropped"))
                    .trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The LINKTYPE of the interface's frames, from its ARPHRD type (SIOCGIFHWADDR on the socket, which
     * asks the namespace the socket lives in; /sys would answer for the process's mount instead).
     */
    private int readLinkType() {
        MemorySegment request = arena.allocate(40, 8); // struct ifreq: name[16], then struct sockaddr
        MemorySegment.copy(arena.allocateFrom(config.interfaceName()), 0, request, 0,
                Math.min(15, config.interfaceName().length()));
        if (Libc.ioctl(state, fd, Libc.SIOCGIFHWADDR, request) != 0) {
            int errno = Libc.errno(state);
            Libc.close(state, fd);
            throw failure("cannot read the interface's hardware type", errno);
        }
        int type = request.get(NATIVE_SHORT, 16) & 0xffff;
        return switch (type) {
            case 1, 772 -> LINKTYPE_ETHERNET; // Ethernet, loopback (zero MACs)
            case 65534 -> LINKTYPE_RAW; // tun and other devices without a link layer
            default -> {
                Libc.close(state, fd);
                throw new LiveCaptureException(config.interfaceName() + ": ARPHRD type " + type
                        + " is not read by the AF_PACKET source; use the libpcap source");
            }
        };
    }

    public int linkType() {
        return linkType;
    }

    @Override
    public String name() {
        return config.interfaceName();
    }

    @Override
    public Optional<SourceDamage> damage() {
        return Optional.empty();
    }

    /** Closes the socket and unmaps the ring; call from the polling thread, or once it has stopped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        counters();
        closed = true;
        Libc.close(state, fd);
        arena.close();
    }

    private void option(int level, int name, MemorySegment value, String what) {
        if (Libc.setsockopt(state, fd, level, name, value, (int) value.byteSize()) != 0) {
            throw failure("cannot set " + what, Libc.errno(state));
        }
    }

    private MemorySegment intValue(int value) {
        MemorySegment s = arena.allocate(4, 4);
        s.set(ValueLayout.JAVA_INT, 0, value);
        return s;
    }

    private LiveCaptureException failure(String what, int errno) {
        return new LiveCaptureException(config.interfaceName() + ": " + what + ": " + Libc.strerror(errno));
    }

    static int htons(int value) {
        return ((value & 0xff) << 8) | ((value >> 8) & 0xff);
    }
}
