/**
 * Sensitive data in clear: the signatures of reference/domain.md §4 (passport MRZ lines with their
 * check digits, ISO/ANSI fingerprint and face records, WSQ images, DICOM Part 10 files and DICOS
 * UIDs, EDIFACT passenger and cargo messages, IATA baggage messages) sought in the first bytes of
 * each direction of every flow that is not encrypted, also inside gzip and Base64-wrapped gzip.
 * Matches are reported by kind, offset and a hash of the matched bytes, never the data itself.
 */
package io.telltale.analysis.content;
