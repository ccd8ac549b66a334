package io.telltale.analysis.detect;

import java.util.function.Consumer;

/**
 * Where a detector's findings go, and what it can ask first: whether the alert a finding would make
 * exists already. A detector that sees the same conversation in every flow asks before it writes the
 * sentences of a finding that would only be counted as a repeat.
 */
public interface Findings extends Consumer<Finding> {

    /** Whether this detector already raised {@code category} for this device and remote end. */
    boolean raised(Category category, String deviceAddress, String remoteAddress);

    /** Asks the consumer when it can answer; a plain consumer never has anything raised. */
    static boolean raised(Consumer<Finding> out, Category category, String deviceAddress, String remoteAddress) {
        return out instanceof Findings f && f.raised(category, deviceAddress, remoteAddress);
    }
}
