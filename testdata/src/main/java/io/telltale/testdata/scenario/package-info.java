/**
 * The scenario generator: the reference screening site of {@code reference/domain.md} §5, the normal
 * traffic N1–N8 and the attacks A1–A17 (with evasion variants and negative twins), each planned as
 * conversations on a timeline and written as one time-ordered pcap with a truth file beside it. The
 * same seed gives byte-identical files: each conversation draws from its own random stream, derived
 * from the seed, its scenario and its place in the plan. Single-threaded.
 */
package io.telltale.testdata.scenario;
