/**
 * The flow table and the flow records it produces, with Zeek's {@code conn.log} semantics. A
 * {@link io.telltale.capture.flow.FlowMeter} owns one table and runs on one worker thread; flows
 * are pooled and reused, so steady state allocates only when a record leaves the worker.
 */
package io.telltale.capture.flow;
