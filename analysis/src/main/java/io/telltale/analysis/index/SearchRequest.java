package io.telltale.analysis.index;

import java.util.List;

/**
 * One search: the query text, a time range (flows overlapping it), the order and page, the fields to
 * return, and what to count beside the hits.
 *
 * @param sinceNanos flows that end at or after this time ({@code Long.MIN_VALUE}: no bound)
 * @param untilNanos flows that start at or before this time ({@code Long.MAX_VALUE}: no bound)
 * @param after the {@link SearchPage#next()} cursor of the page before, or null for the first page
 * @param fields the fields each hit carries (empty: all)
 * @param facets fields whose top values are counted over all matches (see {@link IndexSchema#facets()})
 * @param histogramBuckets the most buckets of the time histogram of all matches (0: none)
 */
public record SearchRequest(String query, long sinceNanos, long untilNanos, boolean newestFirst, int limit, String after,
        List<String> fields, List<String> facets, int facetSize, int histogramBuckets) {

    public SearchRequest {
        fields = fields == null ? List.of() : List.copyOf(fields);
        facets = facets == null ? List.of() : List.copyOf(facets);
        if (limit < 0 || limit > 100_000) {
            throw new IllegalArgumentException("a page holds 0-100000 hits, not " + limit);
        }
    }

    /** Every flow matching the query, newest first, 100 per page, no counts. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, Long.MIN_VALUE, Long.MAX_VALUE, true, 100, null, List.of(), List.of(), 10, 0);
    }

    public SearchRequest withLimit(int newLimit) {
        return new SearchRequest(query, sinceNanos, untilNanos, newestFirst, newLimit, after, fields, facets, facetSize,
                histogramBuckets);
    }

    public SearchRequest withAfter(String cursor) {
        return new SearchRequest(query, sinceNanos, untilNanos, newestFirst, limit, cursor, fields, facets, facetSize,
                histogramBuckets);
    }

    public SearchRequest withTime(long since, long until) {
        return new SearchRequest(query, since, until, newestFirst, limit, after, fields, facets, facetSize, histogramBuckets);
    }

    public SearchRequest withOrder(boolean newest) {
        return new SearchRequest(query, sinceNanos, untilNanos, newest, limit, after, fields, facets, facetSize,
                histogramBuckets);
    }

    public SearchRequest withFacets(List<String> names, int size, int buckets) {
        return new SearchRequest(query, sinceNanos, untilNanos, newestFirst, limit, after, fields, names, size, buckets);
    }
}
