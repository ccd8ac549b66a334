/**
 * TCP stream reassembly: in-order payload per direction, through retransmissions, overlaps (the
 * first copy wins), reordering inside a bounded window, and gaps that are reported as missed bytes.
 * Memory is bounded per direction and in total by a shared {@link io.telltale.capture.stream.ReassemblyBudget}.
 * One worker thread owns the reassemblers of its flows.
 */
package io.telltale.capture.stream;
