package io.telltale.testdata.live;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Two network namespaces made for one test class and joined by a veth pair: {@code vsrc} in the
 * source namespace, where tcpreplay sends, and {@code vcap} in the capture namespace, where the
 * sources under test read. IPv6 is off in both (no router solicitations in the way) and the MTU is
 * 65535 so any frame of a capture can be replayed. Nothing leaves the two namespaces; they are removed
 * on close and at JVM exit.
 */
public final class NetnsLab implements AutoCloseable {

    static final int CLONE_NEWNET = 0x40000000;
    private static final MethodHandle OPEN = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SETNS = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("setns").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    public final String source;
    public final String capture;
    private final Thread cleanup;

    public NetnsLab(String tag) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        this.source = "tt-" + tag + "-s" + pid;
        this.capture = "tt-" + tag + "-c" + pid;
        this.cleanup = new Thread(this::remove);
        Runtime.getRuntime().addShutdownHook(cleanup);
        run("ip", "netns", "add", source);
        run("ip", "netns", "add", capture);
        for (String ns : List.of(source, capture)) {
            run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
            run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
        }
        addVeth();
    }

    private void addVeth() throws IOException, InterruptedException {
        run("ip", "link", "add", "vsrc", "netns", source, "mtu", "65535", "type", "veth", "peer", "name", "vcap", "netns", capture,
                "mtu", "65535");
        run("ip", "-n", source, "link", "set", "vsrc", "up");
        run("ip", "-n", capture, "link", "set", "vcap", "up");
    }

    /** Deletes the veth pair and makes it again: the capture side is a new interface of the same name. */
    public void replaceVeth() throws IOException, InterruptedException {
        run("ip", "-n", source, "link", "del", "vsrc");
        addVeth();
    }

    /** Root, iproute2 and tcpreplay: what the live tests need (CI has all three). */
    public static boolean available() {
        boolean ip = Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip"));
        return ip && "root".equals(System.getProperty("user.name")) && tcpreplayAvailable();
    }

    public static boolean tcpreplayAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/tcpreplay"));
    }

    /** Runs {@code work} on a thread that has entered the capture namespace (membership is per thread). */
    public <T> T inCapture(Callable<T> work) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<T> result = thread.submit(() -> {
                enter(capture);
                return work.call();
            });
            return result.get();
        } finally {
            thread.shutdownNow();
        }
    }

    /** A thread of its own in the capture namespace, for work that runs beside the test. */
    public <T> Future<T> inCaptureAsync(ExecutorService thread, Callable<T> work) {
        return thread.submit(() -> {
            enter(capture);
            return work.call();
        });
    }

    public static void enter(String namespace) {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom("/run/netns/" + namespace), 0);
            if (fd < 0 || (int) SETNS.invokeExact(fd, CLONE_NEWNET) != 0) {
                throw new IllegalStateException("cannot enter network namespace " + namespace);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Replays a capture out of {@code vsrc} as fast as it can, and waits for tcpreplay to finish. */
    public void replay(Path pcap, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", source, "tcpreplay", "-q", "-i", "vsrc"));
        command.addAll(List.of(options));
        command.add(pcap.toString());
        run(command.toArray(String[]::new));
    }

    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private void remove() {
        for (String ns : List.of(source, capture)) {
            try {
                new ProcessBuilder("ip", "netns", "del", ns).redirectErrorStream(true).start().waitFor();
            } catch (IOException | InterruptedException e) {
                // best effort at exit
            }
        }
    }

    @Override
    public void close() {
        remove();
        Runtime.getRuntime().removeShutdownHook(cleanup);
    }
}
