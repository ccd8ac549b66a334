package io.telltale.signatures.ioc;

import io.telltale.analysis.detect.Severity;
import java.util.List;

/**
 * A named list of indicators with the severity its matches raise and when the list expires
 * (epoch nanoseconds, {@link Long#MAX_VALUE} for never); what could not be read is kept, with the
 * line and the reason, for the operator.
 */
public record IndicatorList(String name, Severity severity, long expires, List<Indicator> indicators, List<String> problems) {

    public IndicatorList {
        indicators = List.copyOf(indicators);
        problems = List.copyOf(problems);
    }
}
