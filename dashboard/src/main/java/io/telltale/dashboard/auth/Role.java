package io.telltale.dashboard.auth;

import java.util.Locale;

/**
 * What a user may do, each role including the one before: a viewer looks; an analyst also triages
 * alerts and exports evidence; an admin also changes the policy and the users.
 */
public enum Role {
    VIEWER, ANALYST, ADMIN;

    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a role is viewer, analyst or admin, not \"" + text + "\"");
        }
    }

    /** True when this role may do what {@code needed} may. */
    public boolean includes(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
