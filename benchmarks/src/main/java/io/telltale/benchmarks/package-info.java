/**
 * JMH benchmarks of the hot path over real packets from the reference corpus. Run with
 * {@code bench/jmh.sh}; {@code -prof gc} reports bytes allocated per packet. Never a dependency.
 */
package io.telltale.benchmarks;
