package io.telltale.analysis.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reloads a policy file when its content changes, without a restart: the new document replaces the
 * old one in the running {@link Policy} (detectors keep their state, learned identities and DNS
 * names stay). A file with a mistake is not put in force; the old policy stays and the mistake is
 * reported, with its line and column, until the file is fixed. Content is compared by hash, so an
 * editor that rewrites the same bytes reloads nothing.
 */
public final class PolicyWatcher implements AutoCloseable {

    /** What happened on a check: reloaded, or refused with why. */
    public interface Listener {
        void reloaded(Path file, long generation);

        void refused(Path file, String why);
    }

    private final Path file;
    private final Policy policy;
    private final Listener listener;
    private byte[] lastDigest;
    private byte[] lastRefused;
    private boolean unreadableSaid;
    private ScheduledExecutorService timer;

    public PolicyWatcher(Path file, Policy policy, Listener listener) {
        this.file = file;
        this.policy = policy;
        this.listener = listener;
        this.lastDigest = digest(read());
    }

    /** Checks every {@code seconds} on a daemon thread. */
    public PolicyWatcher every(long seconds) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("telltale-policy-watch").unstarted(r));
        timer.scheduleWithFixedDelay(this::check, seconds, seconds, TimeUnit.SECONDS);
        return this;
    }

    /** Looks at the file once; reloads when its content changed. */
    public synchronized void check() {
        byte[] content = read();
        if (content == null) {
            // being replaced, or gone for a moment: the policy in force stays; said once if it cannot be read at all
            if (Files.exists(file) && !Files.isReadable(file) && !unreadableSaid) {
                unreadableSaid = true;
                listener.refused(file, "cannot read it (a capture that dropped its privileges needs the file readable by "
                        + "its user); edits are not seen until it can");
            }
            return;
        }
        unreadableSaid = false;
        byte[] digest = digest(content);
        if (Arrays.equals(digest, lastDigest) || Arrays.equals(digest, lastRefused)) {
            return;
        }
        java.util.List<String> notes = new java.util.ArrayList<>();
        try {
            PolicyDocument document = PolicyLoader.parseDocument(file.toString(),
                    new String(content, java.nio.charset.StandardCharsets.UTF_8), notes::add);
            policy.replace(document);
            notes.forEach(policy::note);
            lastDigest = digest;
            lastRefused = null;
            listener.reloaded(file, policy.generation());
        } catch (PolicyLoader.PolicyException e) {
            lastRefused = digest;
            listener.refused(file, e.getMessage());
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] digest(byte[] content) {
        if (content == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints to a consumer, for command-line tools. */
    public static Listener printing(Consumer<String> out) {
        return new Listener() {
            @Override
            public void reloaded(Path file, long generation) {
                out.accept("policy " + file + " reloaded (version " + generation + ")");
            }

            @Override
            public void refused(Path file, String why) {
                out.accept("policy " + file + " not reloaded, the one in force stays: " + why);
            }
        };
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
