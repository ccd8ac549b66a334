package io.telltale.testdata.scenario;

import java.util.Locale;

/** Alert severities, lowest first (DESIGN §4). */
public enum Severity {
    NONE, INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
