package io.telltale.capture.source.live;

import io.telltale.capture.source.PacketHandler;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;

/**
 * A BPF filter applied in user space, with tcpdump's semantics: compiled by libpcap (its optimiser,
 * its syntax errors) once per link type met, run by {@code pcap_offline_filter} on each frame where it
 * lies (no copy for frames in native memory: mapped files, rings). A {@link PacketHandler} in front
 * of another: frames the filter refuses go no further, and are counted.
 */
public final class BpfFilter implements PacketHandler, AutoCloseable {

    private final String expression;
    private final PacketHandler next;
    /** Shared: a packet-store writer uses its filter on a worker thread and is closed by the thread that ends the read. */
    private final Arena arena = Arena.ofShared();
    private final Libpcap pcap = Libpcap.get();
    private final Map<Integer, MemorySegment> programs = new HashMap<>();
    /** struct pcap_pkthdr, reused: the filter reads only caplen and len. */
    private final MemorySegment header = arena.allocate(24, 8);
    private final MemorySegment scratch = arena.allocate(262_144 + 64, 8);
    private int lastLinkType = -1;
    private MemorySegment lastProgram;
    private long refused;

    /**
     * @throws LiveCaptureException when the expression does not compile (for Ethernet, the usual case), naming it
     */
    public BpfFilter(String expression, PacketHandler next) {
        this.expression = expression;
        this.next = next;
        program(1);
    }

    private MemorySegment program(int linkType) {
        MemorySegment p = programs.get(linkType);
        if (p == null) {
            MemorySegment insns = pcap.compile(arena, linkType, 262_144, expression);
            p = arena.allocate(Libpcap.BPF_PROGRAM_SIZE, 8);
            p.set(ValueLayout.JAVA_INT, 0, (int) (insns.byteSize() / Libpcap.BPF_INSN_SIZE));
            p.set(ValueLayout.ADDRESS, 8, insns);
            programs.put(linkType, p);
        }
        return p;
    }

    @Override
    public void onPacket(long timestampNanos, int wireLength, MemorySegment data, long offset, int capturedLength, int linkType) {
        if (!accepts(wireLength, data, offset, capturedLength, linkType)) {
            refused++;
            return;
        }
        next.onPacket(timestampNanos, wireLength, data, offset, capturedLength, linkType);
    }

    /** True when the expression accepts the frame; one thread at a time (its header and scratch are reused). */
    public boolean accepts(int wireLength, MemorySegment data, long offset, int capturedLength, int linkType) {
        if (linkType != lastLinkType) {
            lastProgram = program(linkType);
            lastLinkType = linkType;
        }
        header.set(ValueLayout.JAVA_INT, 16, capturedLength);
        header.set(ValueLayout.JAVA_INT, 20, wireLength);
        long address;
        if (data.isNative()) {
            address = data.address() + offset;
        } else {
            int n = (int) Math.min(capturedLength, scratch.byteSize());
            MemorySegment.copy(data, offset, scratch, 0, n);
            address = scratch.address();
        }
        try {
            return (int) pcap.offlineFilter.invokeExact(lastProgram, header.address(), address) != 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Frames the filter refused. */
    public long refused() {
        return refused;
    }

    @Override
    public void close() {
        arena.close();
    }
}
