/**
 * Views over wire headers, re-bound to each packet with {@code wrap}. Offsets are named constants next
 * to the RFC diagram; accessors have no {@code get} prefix. Views are valid only while the packet they
 * were wrapped on is being handled, and belong to one thread.
 */
package io.telltale.capture.decode.header;
