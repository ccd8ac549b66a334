package io.telltale.capture.source.live;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few C library calls live capture needs, bound once through FFM, with errno captured right
 * after each call (the JVM may overwrite it before Java could read it otherwise). Constants are
 * Linux x86-64 and arm64 values (they agree for everything used here).
 */
final class Libc {

    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int ETH_P_ALL = 0x0003;
    static final int SOL_SOCKET = 1;
    static final int SO_ATTACH_FILTER = 26;
    static final int SOL_PACKET = 263;
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_VERSION = 10;
    static final int PACKET_FANOUT = 18;
    static final int TPACKET_V3 = 2;
    static final int PACKET_MR_PROMISC = 1;
    static final int PACKET_FANOUT_HASH = 0;
    static final int PACKET_FANOUT_FLAG_DEFRAG = 0x8000;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final int MAP_POPULATE = 0x8000;
    static final short POLLIN = 1;
    static final long SIOCGIFHWADDR = 0x8927;
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final long SIOCGIFADDR = 0x8915;
    static final int IFF_NOARP = 0x80;
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final long SIOCGIFINDEX = 0x8933;
    static final int IFF_UP = 0x1;
    static final int IFF_RUNNING = 0x40;
    static final int EINTR = 4;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SETSOCKOPT = bind("setsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle GETSOCKOPT = bind("getsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle MMAP = bind("mmap", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    private static final MethodHandle MUNMAP = bind("munmap", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = bind("if_nametoindex", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS));
    /** ioctl(int fd, unsigned long request, ...): variadic from its third argument. */
    private static final MethodHandle IOCTL = LINKER.downcallHandle(LIBC.find("ioctl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(MemoryLayout.sequenceLayout(256, ValueLayout.JAVA_BYTE)),
                    ValueLayout.JAVA_INT));

    private Libc() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name)),
                descriptor, CAPTURE_ERRNO);
    }

    /** A place for errno, one per thread that makes calls. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(state, fd, level, name, value, length);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int getsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value, MemorySegment length) {
        try {
            return (int) GETSOCKOPT.invokeExact(state, fd, level, name, value, length);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int bind(MemorySegment state, int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(state, fd, address, length);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static MemorySegment mmap(MemorySegment state, long length, int protection, int flags, int fd) {
        try {
            return (MemorySegment) MMAP.invokeExact(state, MemorySegment.NULL, length, protection, flags, fd, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int munmap(MemorySegment state, MemorySegment address, long length) {
        try {
            return (int) MUNMAP.invokeExact(state, address, length);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** poll(2) on one descriptor; returns -1 with errno as any call, 0 on timeout. */
    static int poll(MemorySegment state, MemorySegment pollfd, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(state, pollfd, 1L, timeoutMillis);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int close(MemorySegment state, int fd) {
        try {
            return (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int ioctl(MemorySegment state, int fd, long request, MemorySegment argument) {
        try {
            return (int) IOCTL.invokeExact(state, fd, request, argument);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int ifNameToIndex(MemorySegment state, Arena arena, String name) {
        try {
            return (int) IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
