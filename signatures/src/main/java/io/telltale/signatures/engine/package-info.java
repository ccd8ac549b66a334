/**
 * Rules at work: {@link io.telltale.signatures.engine.RuleCompiler} turns loaded rules and their
 * variables into a {@link io.telltale.signatures.engine.RuleSet} (address and port sets resolved, a
 * {@link io.telltale.signatures.match.PatternSet} of fast patterns per buffer), and
 * {@link io.telltale.signatures.engine.SignatureDetector} runs it on the protocol records and flows
 * the analysis emits, one thread, raising one finding per rule and pair of hosts.
 */
package io.telltale.signatures.engine;
