package io.telltale.dashboard.sink;

import java.util.Locale;

/** The classes of record a sink can be given: flow records, protocol records, alerts, asset changes. */
public enum RecordClass {
    FLOWS, PROTOCOL, ALERTS, ASSETS;

    /** Which class a log (as {@link io.telltale.dashboard.output.EventJson} names it) belongs to. */
    static RecordClass of(String log) {
        return switch (log) {
            case "conn" -> FLOWS;
            case "alert" -> ALERTS;
            case "asset_change" -> ASSETS;
            default -> PROTOCOL;
        };
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static RecordClass parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a record class is flows, protocol, alerts or assets, not \"" + text + "\"");
        }
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
