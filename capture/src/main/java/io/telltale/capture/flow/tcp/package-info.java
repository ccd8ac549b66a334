/**
 * TCP connection tracking with Zeek's semantics: endpoint states, the connection history string,
 * payload sizes from sequence numbers, retransmissions, zero windows, content gaps and the rules
 * that decide when a connection is over. Driven by {@link io.telltale.capture.flow.FlowMeter} on
 * the worker thread that owns the flow.
 */
package io.telltale.capture.flow.tcp;
