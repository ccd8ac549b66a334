package io.telltale.analysis.detect.sensor;

import io.telltale.analysis.detect.AlertIds;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.event.Alert;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns what a live capture reports about itself into {@code capture-gap} alerts, one pair per
 * episode: one when the gap opens (the analyst learns at once that the monitor is blind), one when
 * it closes, with its length and, for lost frames, how many. Three kinds of gap: the interface down
 * or gone, frames lost (kernel, interface or a full pipeline), and a store that cannot write (the
 * index, the packet store or the log files on a full disk: seen, but not kept). Each AF_PACKET worker watches the same
 * interface, so a down said by several of them is one episode; frames lost in consecutive report
 * intervals are one episode too, rather than an alert a minute while an overload lasts.
 *
 * <p>The alerts name no device (the sensor is not one of the monitored devices): the interface or the
 * store is in the device name, and the device address is null. Called from the capture's reader and health
 * threads, so every method is synchronized; the consumer is called under this object's lock.
 */
public final class CaptureGaps {

    /** Impair Defenses: whoever wants to pass unseen may blind the monitor first. */
    private static final List<String> ATTACK = List.of("T1562");
    static final String DETECTOR = "capture";

    private final Consumer<Alert> out;
    /** Interfaces that are down: when they went (wall-clock nanoseconds) and whether they were gone. */
    private final Map<String, long[]> down = new HashMap<>();
    /** Frame loss episodes by interface: start, frames dropped, frames shed. */
    private final Map<String, long[]> losing = new HashMap<>();
    private long raised;

    public CaptureGaps(Consumer<Alert> out) {
        this.out = out;
    }

    /** The interface is down (or gone): nothing is seen until it is back. A repeat while down is ignored. */
    public synchronized void linkDown(String iface, boolean gone, long wallNanos) {
        if (down.containsKey(iface)) {
            return;
        }
        down.put(iface, new long[]{wallNanos, gone ? 1 : 0});
        String state = gone ? "gone" : "down";
        raise("capture interface " + iface, "down", wallNanos, Severity.HIGH,
                "Capture interface " + iface + " is " + state + ": nothing is seen until it is back",
                "The capture interface " + iface + " went " + state + " at " + Instant.ofEpochSecond(0, wallNanos)
                        + ". Until it comes back Telltale sees no traffic on it: no flow, no alert, no packet is recorded, and "
                        + "whatever the devices send in this time is missing from the evidence. A cable, a switch or its "
                        + "SPAN session being changed can cause this; so can someone who wants a transfer to go unseen. "
                        + "A second alert gives the length of the gap when the interface is back.");
    }

    /** The interface is back (up again, or reopened): the gap closes with its length. */
    public synchronized void linkBack(String iface, long wallNanos) {
        long[] since = down.remove(iface);
        if (since == null) {
            return;
        }
        closeLink(iface, since, wallNanos, "back");
    }

    /**
     * Frames lost in one report interval, from {@code fromNanos} to {@code toNanos}: dropped by the
     * kernel or the interface, or shed by a full pipeline. Zero of both closes an open episode.
     */
    public synchronized void interval(String iface, long dropped, long shed, long fromNanos, long toNanos) {
        long[] episode = losing.get(iface);
        if (dropped + shed == 0) {
            if (episode != null) {
                losing.remove(iface);
                closeLoss(iface, episode, toNanos, "ended");
            }
            return;
        }
        if (episode != null) {
            episode[1] += dropped;
            episode[2] += shed;
            return;
        }
        losing.put(iface, new long[]{fromNanos, dropped, shed});
        raise("capture interface " + iface, "loss", fromNanos, Severity.MEDIUM,
                String.format(Locale.ROOT, "Capture gap on %s: %,d frames lost", iface, dropped + shed),
                String.format(Locale.ROOT, "Between %s and %s the capture on %s lost %,d frames (%,d dropped by the kernel "
                        + "or the interface, %,d shed because the pipeline was full). Flows in this time may be incomplete "
                        + "or missing, and a detector may have missed what they carried. Sustained loss means the sensor "
                        + "is overloaded (more workers, a bigger ring, a narrower capture filter) or is being flooded on "
                        + "purpose. A second alert gives the total when the loss stops.", Instant.ofEpochSecond(0, fromNanos),
                        Instant.ofEpochSecond(0, toNanos), iface, dropped + shed, dropped, shed));
    }

    /** The capture stops: gaps still open are closed now, so each one's length is on record. */
    public synchronized void stop(long wallNanos) {
        for (Map.Entry<String, long[]> e : Map.copyOf(down).entrySet()) {
            closeLink(e.getKey(), e.getValue(), wallNanos, "still down when the capture stopped");
        }
        down.clear();
        for (Map.Entry<String, long[]> e : Map.copyOf(losing).entrySet()) {
            closeLoss(e.getKey(), e.getValue(), wallNanos, "still losing frames when the capture stopped");
        }
        losing.clear();
    }

    /** Stores that cannot write (the index, the packet store): since when. */
    private final Map<String, Long> storesFailing = new HashMap<>();

    /**
     * A store cannot write (a full disk): what it keeps is not kept until it can. {@code what} names
     * the store and {@code losing} what goes unkept ("flows are not indexed"). A repeat is ignored.
     */
    public synchronized void storeFailing(String what, String losing, String reason, long wallNanos) {
        if (storesFailing.putIfAbsent(what, wallNanos) != null) {
            return;
        }
        raise(what, "store-failing", wallNanos, Severity.HIGH, "The " + what + " cannot write: " + losing,
                "Since " + Instant.ofEpochSecond(0, wallNanos) + " the " + what + " fails to write (" + reason + "): " + losing
                        + " until it works again. Capture and detection go on, and alerts still go to their outputs, but "
                        + "the evidence of this time will be missing. Free space on the disk (retention quotas, or a bigger "
                        + "disk); writing resumes by itself. What was written before is kept.");
    }

    /** The store writes again: the failure closes with its length and what was lost (said by the caller). */
    public synchronized void storeBack(String what, String lost, long wallNanos) {
        Long since = storesFailing.remove(what);
        if (since == null) {
            return;
        }
        raise(what, "store-back", since, Severity.MEDIUM,
                String.format(Locale.ROOT, "The %s could not write for %s", what, seconds(wallNanos - since)),
                String.format(Locale.ROOT, "The %s failed to write from %s to %s (%s) and works again; %s.", what,
                        Instant.ofEpochSecond(0, since), Instant.ofEpochSecond(0, wallNanos), seconds(wallNanos - since), lost));
    }

    /** Alerts raised so far. */
    public synchronized long raised() {
        return raised;
    }

    private void closeLink(String iface, long[] since, long wallNanos, String how) {
        long length = wallNanos - since[0];
        raise("capture interface " + iface, "gap", since[0], Severity.HIGH,
                String.format(Locale.ROOT, "Capture gap on %s: %s for %s", iface, since[1] == 1 ? "gone" : "down", seconds(length)),
                String.format(Locale.ROOT, "The capture interface %s was %s from %s to %s (%s; %s). Nothing on it was seen "
                        + "in that time: flows, alerts and packets of those %s are missing from the evidence.", iface,
                        since[1] == 1 ? "gone" : "down", Instant.ofEpochSecond(0, since[0]), Instant.ofEpochSecond(0, wallNanos),
                        seconds(length), how, seconds(length)));
    }

    private void closeLoss(String iface, long[] episode, long wallNanos, String how) {
        long lost = episode[1] + episode[2];
        raise("capture interface " + iface, "loss-total", episode[0], Severity.MEDIUM,
                String.format(Locale.ROOT, "Capture gap on %s: %,d frames lost over %s", iface, lost,
                        seconds(wallNanos - episode[0])),
                String.format(Locale.ROOT, "From %s to %s (%s; %s) the capture on %s lost %,d frames: %,d dropped by the "
                        + "kernel or the interface, %,d shed because the pipeline was full. Flows in this time may be "
                        + "incomplete or missing.", Instant.ofEpochSecond(0, episode[0]), Instant.ofEpochSecond(0, wallNanos),
                        seconds(wallNanos - episode[0]), how, iface, lost, episode[1], episode[2]));
    }

    /** @param subject what the alert is about, in place of a device: "capture interface eth1", "packet store" */
    private void raise(String subject, String kind, long startNanos, Severity severity, String title, String why) {
        String category = Category.CAPTURE_GAP.text();
        String id = AlertIds.of(DETECTOR + "|" + category + "|" + subject + "|" + kind + "|" + startNanos);
        raised++;
        out.accept(new Alert(id, startNanos, severity.text(), category, title, why, null, subject,
                null, null, DETECTOR, ATTACK, List.of(), -1, null, -1, null, null, null));
    }

    /** A length as a person reads it: 2.5 s, 3 min 12 s, 1 h 4 min. */
    static String seconds(long nanos) {
        long s = nanos / 1_000_000_000L;
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %d min", s / 3600, s % 3600 / 60);
    }
}
