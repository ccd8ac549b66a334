/**
 * The field catalog: every field a protocol can yield, named {@code <protocol>.<field>} and typed.
 * Specs are immutable and built once at start-up; the Lucene mapping, rule keywords and UI columns
 * are to be derived from them, never from lists of their own.
 */
package io.telltale.analysis.field;
