package io.telltale.analysis.detect.destination;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.policy.Policy;
import io.telltale.analysis.policy.PolicyDocument.Declaration;
import io.telltale.capture.flow.FlowRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A device reaches an Internet address it had not reached in all the time it has been watched, once
 * it has been watched for {@link #SETTLE} (its usual destinations known by then). Undeclared
 * conversations are the undeclared-peer detector's; this one speaks of declared ones, where a new
 * address is worth a look, not an alarm: a vendor's update host named by DNS that suddenly resolves
 * somewhere new, a declared block that grew. Low severity, one alert per device and address.
 */
public final class NewDestinationDetector implements Detector {

    /** How long a device is watched before its new destinations are news (packet time). */
    static final long SETTLE = Duration.ofHours(24).toNanos();
    static final int MAX_DEVICES = 100_000;
    static final int MAX_DESTINATIONS = 4096;

    /** What one device has reached, and since when it has been watched. */
    private static final class Known {
        final long since;
        final Set<String> destinations = new HashSet<>();

        Known(long since) {
            this.since = since;
        }
    }

    private final Policy policy;
    private final Map<String, Known> devices = new HashMap<>();

    public NewDestinationDetector(Policy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "new-destination";
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        String device = f.originatorHost();
        String remote = f.responderHost();
        if (f.interim() || !Addresses.internet(remote) || policy.groupsOf(device).isEmpty()) {
            return; // devices the policy knows; the rest of the site is not this detector's
        }
        Known k = devices.get(device);
        if (k == null) {
            if (devices.size() >= MAX_DEVICES) {
                return;
            }
            k = new Known(f.startNanos());
            devices.put(device, k);
        }
        if (k.destinations.contains(remote) || k.destinations.size() >= MAX_DESTINATIONS) {
            return;
        }
        k.destinations.add(remote);
        if (f.startNanos() - k.since < SETTLE) {
            return; // still learning what is usual
        }
        String transport = f.transport().startsWith("icmp") ? "icmp" : f.transport();
        Declaration declared = policy.declaration(device, remote, transport, f.responderPort(), null, f.startNanos());
        if (declared == null) {
            return;
        }
        out.accept(new Finding(f.startNanos(), Category.NEW_DESTINATION, Severity.LOW, "New destination " + remote,
                device + " reached " + remote + " (" + transport + (f.hasPorts() ? "/" + f.responderPort() : "") + ") for the first "
                        + "time in " + Duration.ofNanos(f.startNanos() - k.since).toHours() + " hours of watching; declaration \""
                        + declared.id() + "\" allows it, but its usual destinations were " + (k.destinations.size() - 1)
                        + " others.", device, remote, null, List.of("T1071"), List.of(f.id()), -1));
    }
}
