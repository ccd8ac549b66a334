package io.telltale.capture.source.live;

import io.telltale.capture.source.PacketHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.SourceDamage;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * An interface read through libpcap ({@code pcap_create} … {@code pcap_activate}, then
 * {@code pcap_dispatch} with an upcall): for systems without AF_PACKET, link types that source does
 * not read, and as a fallback. Nanosecond timestamps are asked for. libpcap's timeout on Linux is
 * TPACKET_V3's block-retire timer, not a read timeout (an idle {@code pcap_dispatch} blocks for ever,
 * capture.md §4), so the handle is non-blocking and {@link #poll} waits in {@code poll(2)} on its
 * selectable descriptor for at most 100 ms: an idle interface never holds a caller for long.
 *
 * <p>The upcall takes libpcap's pointers as plain addresses and reads header and frame through one
 * segment spanning the address space, so no object is made per packet. Frames are valid only during
 * the handler's call, as libpcap's buffer is reused.
 */
public final class LibpcapSource implements PacketSource {

    static final int READ_TIMEOUT_MILLIS = 100;
    static final int PCAP_ERROR_BREAK = -2;
    /** All of memory, for reading what libpcap's pointers point at (header, frame) without a segment each. */
    private static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final MethodHandle ON_PACKET;

    static {
        try {
            ON_PACKET = MethodHandles.lookup().findVirtual(LibpcapSource.class, "onPacket",
                    MethodType.methodType(void.class, long.class, long.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String interfaceName;
    private final Libpcap pcap = Libpcap.get();
    private final Arena arena = Arena.ofShared();
    private final MemorySegment handle;
    private final MemorySegment upcall;
    private final MemorySegment stats = arena.allocate(12, 4);
    private final MemorySegment pollfd = arena.allocate(8, 4);
    private final MemorySegment callState = Libc.callState(arena);
    private final int linkType;
    private PacketHandler current;
    /** A handler that threw: an upcall must not let an exception out (the JVM would stop), so it is kept here. */
    private RuntimeException handlerFailure;
    private long packets;
    private long bytes;
    private volatile boolean closed;

    public LibpcapSource(String interfaceName, int snapLength, boolean promiscuous, String filter) {
        this.interfaceName = interfaceName;
        try {
            MemorySegment errbuf = arena.allocate(Libpcap.PCAP_ERRBUF_SIZE);
            handle = (MemorySegment) pcap.create.invokeExact(arena.allocateFrom(interfaceName), errbuf);
            if (handle.equals(MemorySegment.NULL)) {
                throw new LiveCaptureException(interfaceName + ": " + errbuf.getString(0));
            }
            int ignored = (int) pcap.setSnaplen.invokeExact(handle, snapLength);
            ignored = (int) pcap.setPromisc.invokeExact(handle, promiscuous ? 1 : 0);
            ignored = (int) pcap.setTimeout.invokeExact(handle, READ_TIMEOUT_MILLIS);
            ignored = (int) pcap.setBufferSize.invokeExact(handle, 64 << 20);
            ignored = (int) pcap.setTstampPrecision.invokeExact(handle, Libpcap.TSTAMP_PRECISION_NANO);
            int rc = (int) pcap.activate.invokeExact(handle);
            if (rc < 0) {
                String why = pcap.status(rc) + ": " + pcap.error(handle);
                pcap.close(handle);
                throw new LiveCaptureException(interfaceName + ": libpcap cannot activate the capture: " + why);
            }
            linkType = (int) pcap.datalink.invokeExact(handle);
            if (filter != null) {
                MemorySegment insns = pcap.compile(arena, linkType, snapLength, filter);
                MemorySegment program = arena.allocate(Libpcap.BPF_PROGRAM_SIZE, 8);
                program.set(ValueLayout.JAVA_INT, 0, (int) (insns.byteSize() / Libpcap.BPF_INSN_SIZE));
                program.set(ValueLayout.ADDRESS, 8, insns);
                if ((int) pcap.setfilter.invokeExact(handle, program) != 0) {
                    String why = pcap.error(handle);
                    pcap.close(handle);
                    throw new LiveCaptureException(interfaceName + ": cannot set filter \"" + filter + "\": " + why);
                }
            }
            int selectable = (int) pcap.selectableFd.invokeExact(handle);
            if ((int) pcap.setnonblock.invokeExact(handle, 1, errbuf) != 0 || selectable < 0) {
                pcap.close(handle);
                throw new LiveCaptureException(interfaceName + ": libpcap cannot read without blocking here");
            }
            pollfd.set(ValueLayout.JAVA_INT, 0, selectable);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
            upcall = Linker.nativeLinker().upcallStub(ON_PACKET.bindTo(this),
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), arena);
        } catch (LiveCaptureException e) {
            arena.close();
            throw e;
        } catch (Throwable t) {
            arena.close();
            throw new IllegalStateException(t);
        }
    }

    /** pcap_handler: (u_char *user, const struct pcap_pkthdr *h, const u_char *bytes). */
    private void onPacket(long user, long header, long frame) {
        // struct pcap_pkthdr { struct timeval ts (tv_sec, tv_usec holding nanoseconds here); bpf_u_int32 caplen, len; }
        long seconds = EVERYTHING.get(ValueLayout.JAVA_LONG, header);
        long nanos = EVERYTHING.get(ValueLayout.JAVA_LONG, header + 8);
        int captured = EVERYTHING.get(ValueLayout.JAVA_INT, header + 16);
        int wire = EVERYTHING.get(ValueLayout.JAVA_INT, header + 20);
        packets++;
        bytes += wire;
        try {
            current.onPacket(seconds * 1_000_000_000L + nanos, wire, EVERYTHING, frame, captured, linkType);
        } catch (RuntimeException e) {
            if (handlerFailure == null) {
                handlerFailure = e;
            }
            stop();
        }
    }

    @Override
    public int poll(PacketHandler handler, int limit) {
        if (closed) {
            return END_OF_INPUT;
        }
        current = handler;
        try {
            int n = (int) pcap.dispatch.invokeExact(handle, limit, upcall, MemorySegment.NULL);
            if (n == 0 && !closed) {
                Libc.poll(callState, pollfd, READ_TIMEOUT_MILLIS);
                n = (int) pcap.dispatch.invokeExact(handle, limit, upcall, MemorySegment.NULL);
            }
            if (handlerFailure != null) {
                RuntimeException e = handlerFailure;
                handlerFailure = null;
                throw e;
            }
            if (n == PCAP_ERROR_BREAK) {
                return closed ? END_OF_INPUT : 0;
            }
            if (n < 0) {
                return END_OF_INPUT; // the interface went away; counters say what was read
            }
            return n;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Makes a {@link #poll} in progress on another thread return now. */
    public void stop() {
        try {
            pcap.breakloop.invokeExact(handle);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public synchronized CaptureCounters counters() {
        long kernelDrops = 0;
        long interfaceDrops = 0;
        if (!closed) {
            try {
                if ((int) pcap.stats.invokeExact(handle, stats) == 0) {
                    kernelDrops = stats.get(ValueLayout.JAVA_INT, 4) & 0xffffffffL;
                    interfaceDrops = stats.get(ValueLayout.JAVA_INT, 8) & 0xffffffffL;
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
        return new CaptureCounters(packets, bytes, kernelDrops, interfaceDrops);
    }

    public int linkType() {
        return linkType;
    }

    @Override
    public String name() {
        return interfaceName;
    }

    @Override
    public Optional<SourceDamage> damage() {
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pcap.close(handle);
        arena.close();
    }

    /** The system libpcap's version line, for {@code --version}. */
    public static String libraryVersion() {
        return Libpcap.get().version();
    }
}
