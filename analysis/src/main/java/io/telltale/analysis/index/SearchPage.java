package io.telltale.analysis.index;

import java.util.List;
import java.util.Map;

/**
 * One page of hits with the total of all matches, the cursor of the next page (null after the last),
 * facet counts by field and the time histogram of all matches.
 */
public record SearchPage(long total, List<FlowHit> hits, String next, Map<String, List<FacetCount>> facets,
        List<HistogramBucket> histogram, long histogramBucketNanos) {

    /** A flow document: its uid, numeric id, place among the flow's interim documents, and fields. */
    public record FlowHit(String uid, long id, int sequence, long startNanos, Map<String, Object> fields, byte[] packets) {
    }

    public record FacetCount(String value, long count) {
    }

    public record HistogramBucket(long startNanos, long count) {
    }
}
