/**
 * Protocol specs, the payload probes that identify protocols by content, and the dissector contract.
 * A protocol is one sub-package plus one line in {@link io.telltale.analysis.dissect.BuiltInProtocols}.
 * Dissectors are shared and stateless; their sessions hold per-flow state and run on the worker that
 * owns the flow. Every loop in a session is bounded and nothing it reads is trusted.
 */
package io.telltale.analysis.dissect;
