/**
 * The policy: which devices belong to which group, and what each group is declared to talk to
 * (DESIGN §5). A {@link io.telltale.analysis.policy.PolicyDocument} is the file as loaded from YAML
 * (and MUD files it names), immutable, with line and column in every error; the
 * {@link io.telltale.analysis.policy.Policy} the detectors hold wraps the document in force, which a
 * reload swaps atomically, and what the wire taught it (devices' identities, DNS answers for peers
 * named by DNS name). Its maps are concurrent, so capture threads and the reloader may touch it while
 * the detection thread asks.
 */
package io.telltale.analysis.policy;
