/**
 * The flow index and its search (DESIGN §7): one Lucene document per flow, holding the flow record and
 * its protocol records' fields as {@link io.telltale.analysis.index.IndexSchema} maps them from the
 * field catalog; one index per UTC day, sorted by time; alerts and asset changes in their own index.
 * {@link io.telltale.analysis.index.IndexingSink} writes from its own thread (events reach it through a
 * bounded queue); {@link io.telltale.analysis.index.LuceneFlowSearch} reads what was committed and is
 * safe to share between threads.
 */
package io.telltale.analysis.index;
