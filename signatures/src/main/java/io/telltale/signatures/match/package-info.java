/**
 * Multi-pattern matching: {@link io.telltale.signatures.match.PatternSet} finds every occurrence of
 * thousands of byte patterns (case-sensitive or not) in one pass over a buffer, the prefilter that
 * leaves full rule evaluation to the few rules whose fast pattern occurs.
 */
package io.telltale.signatures.match;
