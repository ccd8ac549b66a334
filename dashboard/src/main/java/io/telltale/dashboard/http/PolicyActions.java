package io.telltale.dashboard.http;

import java.io.IOException;

/**
 * What the dashboard may do with the policy in force, given by whoever runs the pipeline (the
 * appliance knows the file and the logs): read it, and accept an alert into it — the alert's
 * conversation becomes a declaration under {@code learned:}, which the running pipeline reloads.
 */
public interface PolicyActions {

    /** The policy file's name and text. */
    record Policy(String file, String text) {
    }

    /** What accepting did: whether the file was changed, the diff, and anything said about it. */
    record Accepted(boolean applied, String diff, String message) {
    }

    Policy policy() throws IOException;

    /** The policy as the detectors see it, read now (for "declared or not"); null when it cannot be read. */
    io.telltale.analysis.policy.Policy current();

    Accepted accept(String alertId) throws IOException;
}
