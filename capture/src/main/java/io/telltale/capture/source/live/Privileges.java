package io.telltale.capture.source.live;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Giving up root once the capture sockets are open (capture.md §5, way b): supplementary groups
 * cleared, then group, then user changed. glibc applies set*id to every thread of the process, and a
 * process that leaves uid 0 loses its capabilities, so the open sockets keep working and nothing else
 * privileged can be done any more.
 */
public final class Privileges {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle GETPWNAM = fn("getpwnam", FunctionDescriptor.of(
            ValueLayout.ADDRESS.withTargetLayout(java.lang.foreign.MemoryLayout.sequenceLayout(48, ValueLayout.JAVA_BYTE)),
            ValueLayout.ADDRESS));
    private static final MethodHandle SETGROUPS = fn("setgroups", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final MethodHandle SETGID = fn("setgid", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SETUID = fn("setuid", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle GETEUID = fn("geteuid", FunctionDescriptor.of(ValueLayout.JAVA_INT));

    private Privileges() {
    }

    private static MethodHandle fn(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), d);
    }

    public static boolean isRoot() {
        try {
            return (int) GETEUID.invokeExact() == 0;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Becomes {@code user} (its uid and primary gid, no supplementary groups).
     *
     * @throws LiveCaptureException naming the user and the step that failed
     */
    public static void dropTo(String user) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment entry = (MemorySegment) GETPWNAM.invokeExact(arena.allocateFrom(user));
            if (entry.equals(MemorySegment.NULL)) {
                throw new LiveCaptureException("cannot drop privileges: no user " + user);
            }
            // struct passwd { char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; ... }
            int uid = entry.get(ValueLayout.JAVA_INT, 16);
            int gid = entry.get(ValueLayout.JAVA_INT, 20);
            if ((int) SETGROUPS.invokeExact(0L, MemorySegment.NULL) != 0) {
                throw new LiveCaptureException("cannot drop privileges to " + user + ": setgroups failed");
            }
            if ((int) SETGID.invokeExact(gid) != 0) {
                throw new LiveCaptureException("cannot drop privileges to " + user + ": setgid(" + gid + ") failed");
            }
            if ((int) SETUID.invokeExact(uid) != 0) {
                throw new LiveCaptureException("cannot drop privileges to " + user + ": setuid(" + uid + ") failed");
            }
        } catch (LiveCaptureException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The effective capability mask of this process (CapEff in /proc/self/status), 0 when it has none. */
    public static long effectiveCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
