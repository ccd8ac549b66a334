package io.telltale.capture.source.live;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * libpcap through FFM: its filter compiler (whatever the source, BPF is compiled by libpcap, with its
 * optimiser) and its capture API for {@link LibpcapSource}. Loaded on first use from the system's
 * libpcap (Debian's libpcap0.8 names it libpcap.so.0.8); a missing library is a clear error.
 */
final class Libpcap {

    static final int PCAP_ERRBUF_SIZE = 256;
    static final int PCAP_NETMASK_UNKNOWN = 0xffffffff;
    static final int TSTAMP_PRECISION_NANO = 1;
    /** struct bpf_program: u_int bf_len; struct bpf_insn *bf_insns. */
    static final long BPF_PROGRAM_SIZE = 16;
    static final long BPF_INSN_SIZE = 8;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final MemoryLayout STRING = MemoryLayout.sequenceLayout(4096, ValueLayout.JAVA_BYTE);
    private static final ValueLayout C_STRING = ValueLayout.ADDRESS.withTargetLayout(STRING);
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static volatile Libpcap instance;

    private final MethodHandle libVersion;
    private final MethodHandle openDead;
    private final MethodHandle compile;
    private final MethodHandle freecode;
    private final MethodHandle close;
    private final MethodHandle geterr;
    final MethodHandle create;
    final MethodHandle setSnaplen;
    final MethodHandle setPromisc;
    final MethodHandle setTimeout;
    final MethodHandle setBufferSize;
    final MethodHandle setTstampPrecision;
    final MethodHandle setImmediateMode;
    final MethodHandle activate;
    final MethodHandle setfilter;
    final MethodHandle dispatch;
    final MethodHandle breakloop;
    final MethodHandle stats;
    final MethodHandle datalink;
    final MethodHandle statustostr;
    final MethodHandle offlineFilter;
    final MethodHandle setnonblock;
    final MethodHandle selectableFd;

    private Libpcap(SymbolLookup lib) {
        libVersion = bind(lib, "pcap_lib_version", FunctionDescriptor.of(C_STRING));
        openDead = bind(lib, "pcap_open_dead", FunctionDescriptor.of(PTR, INT, INT));
        compile = bind(lib, "pcap_compile", FunctionDescriptor.of(INT, PTR, PTR, PTR, INT, INT));
        freecode = bind(lib, "pcap_freecode", FunctionDescriptor.ofVoid(PTR));
        close = bind(lib, "pcap_close", FunctionDescriptor.ofVoid(PTR));
        geterr = bind(lib, "pcap_geterr", FunctionDescriptor.of(C_STRING, PTR));
        create = bind(lib, "pcap_create", FunctionDescriptor.of(PTR, PTR, PTR));
        setSnaplen = bind(lib, "pcap_set_snaplen", FunctionDescriptor.of(INT, PTR, INT));
        setPromisc = bind(lib, "pcap_set_promisc", FunctionDescriptor.of(INT, PTR, INT));
        setTimeout = bind(lib, "pcap_set_timeout", FunctionDescriptor.of(INT, PTR, INT));
        setBufferSize = bind(lib, "pcap_set_buffer_size", FunctionDescriptor.of(INT, PTR, INT));
        setTstampPrecision = bind(lib, "pcap_set_tstamp_precision", FunctionDescriptor.of(INT, PTR, INT));
        setImmediateMode = bind(lib, "pcap_set_immediate_mode", FunctionDescriptor.of(INT, PTR, INT));
        activate = bind(lib, "pcap_activate", FunctionDescriptor.of(INT, PTR));
        setfilter = bind(lib, "pcap_setfilter", FunctionDescriptor.of(INT, PTR, PTR));
        // the callback's pointers are taken as plain addresses (64-bit integers in the C ABI), so the upcall
        // makes no MemorySegment per packet
        dispatch = bind(lib, "pcap_dispatch", FunctionDescriptor.of(INT, PTR, INT, PTR, PTR));
        breakloop = bind(lib, "pcap_breakloop", FunctionDescriptor.ofVoid(PTR));
        stats = bind(lib, "pcap_stats", FunctionDescriptor.of(INT, PTR, PTR));
        datalink = bind(lib, "pcap_datalink", FunctionDescriptor.of(INT, PTR));
        statustostr = bind(lib, "pcap_statustostr", FunctionDescriptor.of(C_STRING, INT));
        offlineFilter = LINKER.downcallHandle(lib.find("pcap_offline_filter").orElseThrow(),
                FunctionDescriptor.of(INT, PTR, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), Linker.Option.critical(false));
        setnonblock = bind(lib, "pcap_setnonblock", FunctionDescriptor.of(INT, PTR, INT, PTR));
        selectableFd = bind(lib, "pcap_get_selectable_fd", FunctionDescriptor.of(INT, PTR));
    }

    private static MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(lib.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libpcap has no " + name)), d);
    }

    /** The system's libpcap, loaded once. */
    static Libpcap get() {
        Libpcap l = instance;
        if (l == null) {
            synchronized (Libpcap.class) {
                if (instance == null) {
                    instance = new Libpcap(load());
                }
                l = instance;
            }
        }
        return l;
    }

    private static SymbolLookup load() {
        for (String name : List.of("libpcap.so.1", "libpcap.so.0.8", "libpcap.so", "libpcap.dylib", "wpcap")) {
            try {
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException notThere) {
                // try the next name
            }
        }
        throw new LiveCaptureException("libpcap is not installed (Debian: apt-get install libpcap0.8)");
    }

    /** libpcap's version line, e.g. "libpcap version 1.10.3 (with TPACKET_V3)". */
    String version() {
        try {
            return ((MemorySegment) libVersion.invokeExact()).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    String error(MemorySegment pcap) {
        try {
            return ((MemorySegment) geterr.invokeExact(pcap)).getString(0);
        } catch (Throwable t) {
            return "unknown libpcap error";
        }
    }

    String status(int code) {
        try {
            return ((MemorySegment) statustostr.invokeExact(code)).getString(0);
        } catch (Throwable t) {
            return "libpcap status " + code;
        }
    }

    void close(MemorySegment pcap) {
        try {
            close.invokeExact(pcap);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Compiles a filter for a link type, copies its instructions into {@code arena} (struct sock_filter
     * and struct bpf_insn have the same layout) and frees libpcap's copy.
     *
     * @return the instructions, 8 bytes each
     * @throws LiveCaptureException naming the filter and libpcap's message when it does not compile
     */
    MemorySegment compile(Arena arena, int linkType, int snapLength, String filter) {
        try {
            MemorySegment dead = (MemorySegment) openDead.invokeExact(linkType, snapLength);
            if (dead.equals(MemorySegment.NULL)) {
                throw new LiveCaptureException("libpcap could not open a dead handle for link type " + linkType);
            }
            try (Arena temp = Arena.ofConfined()) {
                MemorySegment program = temp.allocate(BPF_PROGRAM_SIZE, 8);
                int rc = (int) compile.invokeExact(dead, program, temp.allocateFrom(filter), 1, PCAP_NETMASK_UNKNOWN);
                if (rc != 0) {
                    String why = error(dead);
                    close(dead);
                    throw new LiveCaptureException("BPF filter \"" + filter + "\" does not compile: " + why);
                }
                int count = program.get(ValueLayout.JAVA_INT, 0);
                MemorySegment insns = program.get(ValueLayout.ADDRESS, 8).reinterpret(count * BPF_INSN_SIZE);
                MemorySegment copy = arena.allocate(Math.max(1, count) * BPF_INSN_SIZE, 8);
                MemorySegment.copy(insns, 0, copy, 0, count * BPF_INSN_SIZE);
                freecode.invokeExact(program);
                close(dead);
                return copy.asSlice(0, count * BPF_INSN_SIZE);
            }
        } catch (LiveCaptureException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
