package io.telltale.testdata.scenario;

import java.util.List;

/** Id, label and title held once; a helper that writes the truth in the plan's terms. */
public abstract class BaseScenario implements Scenario {

    private final String id;
    private final Label label;
    private final String title;

    protected BaseScenario(String id, Label label, String title) {
        this.id = id;
        this.label = label;
        this.title = title;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Label label() {
        return label;
    }

    @Override
    public final String title() {
        return title;
    }

    protected final void truth(Plan plan, Device device, Truth.Remote remote, List<String> categories, Severity minSeverity,
                               List<String> attack, long fromNanos, long toNanos, Truth.Expect expect, List<String> anomalies) {
        plan.truth(new Truth(id, title, label.text(), device.name(), device.ip(), remote, categories, minSeverity.text(), attack,
                Plan.instant(Math.max(fromNanos, plan.start())), Plan.instant(Math.min(toNanos, plan.end())), expect, anomalies));
    }

    /** A normal scenario's truth: no alert expected, nothing measured beyond the window. */
    protected final void normal(Plan plan, Device device, Truth.Remote remote) {
        truth(plan, device, remote, List.of(), Severity.NONE, List.of(), plan.start(), plan.end(), null, List.of());
    }

    protected static final long SECOND = Plan.SECOND;
    protected static final long MINUTE = Plan.MINUTE;
    protected static final long HOUR = Plan.HOUR;
    protected static final long DAY = Plan.DAY;
}
