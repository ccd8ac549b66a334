package io.telltale.analysis.detect;

import java.util.Locale;

/** Alert severities, lowest first. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public String text() {
        return text;
    }

    private final String text = name().toLowerCase(Locale.ROOT);
}
