/**
 * The policy: which devices belong to which group, and what each group is declared to talk to
 * (DESIGN §5). Loaded from YAML with line and column in every error; immutable once loaded, so
 * detectors may read it from any thread.
 */
package io.telltale.analysis.policy;
