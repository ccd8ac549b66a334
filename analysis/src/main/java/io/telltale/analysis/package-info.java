/**
 * The analysis layer: field catalog, protocol dissectors, events, detectors, the flow index and the
 * pipeline that runs them on top of {@code io.telltale.capture}. It never sees signatures or the
 * dashboard. Dissectors and detectors run on the worker thread that owns the flow.
 */
package io.telltale.analysis;
