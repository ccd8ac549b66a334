/**
 * Learning mode: what the devices were seen to do, proposed as declarations for a person to review
 * ({@code telltale baseline learn}), and a single alert accepted into the policy
 * ({@code telltale baseline accept}). Proposals are appended under {@code learned:} at the end of the
 * policy file, so the diff a reviewer reads is exactly what is added.
 */
package io.telltale.analysis.baseline;
