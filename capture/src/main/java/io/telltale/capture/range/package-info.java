/**
 * Bounded sets of byte ranges, shared by the fragment reassembler and the TCP stream reassembler
 * (which bytes of a datagram or a stream have arrived). Single-threaded, allocation-free once built.
 */
package io.telltale.capture.range;
