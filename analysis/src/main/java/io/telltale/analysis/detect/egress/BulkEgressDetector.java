package io.telltale.analysis.detect.egress;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.FlowRecord;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Large uploads from a site device to the Internet. Two measures, per UTC day: bytes sent to one
 * remote address that pass {@link Thresholds#bulkBytes} while the remote sends back less than a
 * {@link Thresholds#asymmetry}-th of it (an upload, not a download with requests); and the device's
 * total to the Internet against the {@code egress_per_day} budget of its groups, when the policy
 * gives one. Interim records of long flows count as they come (their bytes are cumulative; the
 * difference is added), so a slow exfiltration is caught while it runs.
 */
public final class BulkEgressDetector implements Detector {

    /**
     * @param bulkBytes bytes to one remote address in a day that make an upload bulk
     * @param asymmetry how many times more sent than received
     */
    public record Thresholds(long bulkBytes, double asymmetry) {
        public static final Thresholds DEFAULTS = new Thresholds(20_000_000, 5);

        /** Byte thresholds times {@code factor} (the scenario generator writes bulk sizes times 0.001). */
        public Thresholds scaled(double factor) {
            return new Thresholds(Math.max(1, (long) (bulkBytes * factor)), asymmetry);
        }
    }

    static final int MAX_KEYS = 200_000;

    /** Bytes of one day. */
    private static final class Volume {
        long sent;
        long received;
        long firstFlow;
        boolean reported;
    }

    private final Policy policy;
    private final Thresholds thresholds;
    private final Map<String, Volume> perRemote = new HashMap<>();
    private final Map<String, Volume> perDevice = new HashMap<>();
    /** What interim records of a running flow counted already. */
    private final Map<Long, long[]> counted = new HashMap<>();

    public BulkEgressDetector(Policy policy, Thresholds thresholds) {
        this.policy = policy;
        this.thresholds = thresholds;
    }

    @Override
    public String name() {
        return "bulk-egress";
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        String device = f.originatorHost();
        String remote = f.responderHost();
        // a global IPv6 address is the site's when the policy places it in a group
        if (!Addresses.internet(remote) || (Addresses.internet(device) && policy.groupsOf(device).isEmpty())
                || !policy.groupsOf(remote).isEmpty()) {
            return;
        }
        long sent = Math.max(0, f.originatorBytes());
        long received = Math.max(0, f.responderBytes());
        long[] before = f.interim() ? counted.get(f.id()) : counted.remove(f.id());
        if (before != null) {
            sent -= before[0];
            received -= before[1];
        }
        if (f.interim() && counted.size() < MAX_KEYS) {
            counted.put(f.id(), new long[]{Math.max(0, f.originatorBytes()), Math.max(0, f.responderBytes())});
        }
        if (sent <= 0 && received <= 0) {
            return;
        }
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(f.startNanos(), 86_400_000_000_000L));
        Volume pair = volume(perRemote, device + "|" + remote + "|" + day, f.id());
        Volume total = volume(perDevice, device + "|" + day, f.id());
        if (pair == null || total == null) {
            return;
        }
        pair.sent += sent;
        pair.received += received;
        total.sent += sent;
        if (!pair.reported && pair.sent >= thresholds.bulkBytes() && pair.sent >= thresholds.asymmetry() * pair.received) {
            pair.reported = true;
            String transport = f.transport().startsWith("icmp") ? "icmp" : f.transport();
            boolean declared = policy.declared(device, remote, transport, f.responderPort(), null, f.startNanos());
            out.accept(new Finding(f.startNanos(), Category.BULK_EGRESS, declared ? Severity.MEDIUM : Severity.CRITICAL,
                    "Bulk upload of " + bytes(pair.sent) + " to " + remote,
                    String.format(Locale.ROOT, "%s sent %s to %s on the Internet on %s and received %s back (%.0f:1): an "
                            + "upload, %s.", device, bytes(pair.sent), remote, day, bytes(pair.received),
                            pair.sent / (double) Math.max(1, pair.received),
                            declared ? "to a declared peer, but larger than a device of its kind sends" : "which no declaration allows"),
                    device, remote, null, List.of("T1567.002", "T1030", "T0882"), List.of(pair.firstFlow, f.id()).stream()
                    .distinct().toList(), pair.sent));
        }
        long budget = budget(device);
        if (budget > 0 && !total.reported && total.sent > budget) {
            total.reported = true;
            out.accept(new Finding(f.startNanos(), Category.BULK_EGRESS, Severity.HIGH,
                    "Daily egress budget exceeded: " + bytes(total.sent),
                    device + " sent " + bytes(total.sent) + " to the Internet on " + day + ", more than the "
                            + bytes(budget) + " a day its group's policy allows (egress_per_day); the flow that passed it went to "
                            + remote + ".",
                    device, remote, null, List.of("T1030", "T0882"), List.of(f.id()), total.sent));
        }
    }

    private static Volume volume(Map<String, Volume> map, String key, long flow) {
        Volume v = map.get(key);
        if (v == null) {
            if (map.size() >= MAX_KEYS) {
                map.clear(); // a day's keys at most; starting afresh costs a repeated alert, never a missed one
            }
            v = new Volume();
            v.firstFlow = flow;
            map.put(key, v);
        }
        return v;
    }

    /** The smallest budget among the device's groups, or 0 when none gives one. */
    private long budget(String device) {
        long budget = 0;
        for (String g : policy.groupsOf(device)) {
            long b = policy.groups().get(g).egressPerDay();
            if (b > 0 && (budget == 0 || b < budget)) {
                budget = b;
            }
        }
        return budget;
    }

    static String bytes(long n) {
        return n >= 10_000_000 ? String.format(Locale.ROOT, "%.0f MB", n / 1e6)
                : n >= 10_000 ? String.format(Locale.ROOT, "%.0f kB", n / 1e3) : n + " bytes";
    }
}
