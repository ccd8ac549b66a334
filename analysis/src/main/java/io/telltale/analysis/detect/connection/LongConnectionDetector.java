package io.telltale.analysis.detect.connection;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.FlowRecord;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * An undeclared connection held open for an hour or more (RITA v5's long-connection thresholds: 1, 4,
 * 8, 12 hours). To the Internet, from a screening device, it is a tunnel waiting to be used.
 */
public final class LongConnectionDetector implements Detector {

    static final long HOUR_NANOS = 3_600_000_000_000L;

    private final Policy policy;

    public LongConnectionDetector(Policy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "long-connection";
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        if (f.durationNanos() < HOUR_NANOS || Addresses.onLink(f.responderHost())) {
            return;
        }
        String transport = f.transport().startsWith("icmp") ? "icmp" : f.transport();
        if (policy.declared(f.originatorHost(), f.responderHost(), transport, f.responderPort(), null, f.startNanos())) {
            return;
        }
        double hours = f.durationNanos() / (double) HOUR_NANOS;
        boolean internet = Addresses.internet(f.responderHost());
        Severity severity = internet && hours >= 4 ? Severity.CRITICAL : internet || hours >= 8 ? Severity.HIGH : Severity.MEDIUM;
        out.accept(new Finding(f.startNanos(), Category.LONG_CONNECTION, severity,
                String.format(Locale.ROOT, "Connection held %.1f h to %s", hours, f.responderHost()),
                String.format(Locale.ROOT, "%s kept a %s connection to %s:%d open for %.1f hours (%s), which no policy "
                        + "declares: a channel kept ready.", f.originatorHost(), transport, f.responderHost(), f.responderPort(),
                        hours, f.service() == null ? "no protocol named" : f.service()),
                f.originatorHost(), f.responderHost(), null, List.of("T1572", "T1071"), List.of(f.id()), hours));
    }
}
