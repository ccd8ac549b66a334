/**
 * The analyst's query language over the flow index: Lucene's syntax with the catalog's field names and
 * aliases, typed values (addresses and CIDR blocks, numbers and ranges, times, durations, names with
 * wildcards), {@code exists:} and {@code alert:}. Stateless; errors carry their place in the query.
 */
package io.telltale.analysis.index.query;
