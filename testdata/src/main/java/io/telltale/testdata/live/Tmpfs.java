package io.telltale.testdata.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs mounted over a test's directory: a disk of a chosen size that fills up, and grows again when
 * remounted larger — how the fault tests make "the disk is full" and "space returns" real. Needs root
 * (the CI runs as root); {@link #mount} says false where it cannot, for the test to skip.
 */
public final class Tmpfs {

    private Tmpfs() {
    }

    /** Mounts a tmpfs of {@code size} (mount's syntax: {@code 1m}) over the directory; false when it cannot. */
    public static boolean mount(Path directory, String size) throws IOException, InterruptedException {
        return "root".equals(System.getProperty("user.name"))
                && run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", directory.toString()) == 0;
    }

    /** Space returns: the same tmpfs, now of {@code size}. */
    public static boolean grow(Path directory, String size) throws IOException, InterruptedException {
        return run("mount", "-o", "remount,size=" + size, directory.toString()) == 0;
    }

    /** Unmounts it (lazily: a test's open file must not keep it). */
    public static void unmount(Path directory) throws IOException, InterruptedException {
        run("umount", "-l", directory.toString());
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
