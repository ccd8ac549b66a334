/**
 * Detectors: each reads flow and protocol records as they leave the workers and raises alerts
 * (DESIGN §6); {@link DetectionSink} feeds them and de-duplicates what they raise per detector, device,
 * remote end and category, so a beacon is one alert, not thousands. Runs on the thread that drains
 * the events (one at a time, behind the workers); detectors keep their own state and need no locks.
 */
package io.telltale.analysis.detect;
