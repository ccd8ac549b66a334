package io.telltale.analysis.dissect;

import java.util.List;

/** The bounded, duplicate-free lists records carry (names seen, commands used): a flow cannot grow them without end. */
public final class Lists {

    private Lists() {
    }

    /** Adds the value unless it is null, already there, or the list holds {@code max} values. */
    public static <T> void addOnce(List<T> list, T value, int max) {
        if (value != null && list.size() < max && !list.contains(value)) {
            list.add(value);
        }
    }
}
