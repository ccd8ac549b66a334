package io.telltale.analysis.index.query;

import java.io.IOException;
import java.util.Set;

/** Resolves {@code alert:VALUE} to the flows that are the evidence of the alerts it names. */
@FunctionalInterface
public interface AlertLookup {

    /**
     * @param value an alert id, category, detector or severity ({@code *} and {@code ?} as wildcards)
     * @return ids of the flows of every alert it names
     */
    Set<Long> flowsOf(String value) throws IOException;

    AlertLookup NONE = value -> Set.of();
}
